package dev.walrus.daemon;

import dev.walrus.client.BlobObject;
import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.BlobObjectsView;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.client.LedgerClient;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Content-Type of a read the request does not name one for — blobs read by ID come back as
 * octet-stream, so browsers download them instead of showing them (a frequent Walrus complaint,
 * shared notes §5 #4). A blob's {@code content-type} attribute, set on any of its Blob objects,
 * names it; a quilt patch's identifier names it by its extension. Attribute look-ups cost the
 * ledger one request per blob per minute at most: answers, absences included, are remembered
 * for {@link #TTL_NANOS} in a bounded map.
 */
final class ContentTypes {
  private static final Logger LOG = LoggerFactory.getLogger(ContentTypes.class);
  static final String DEFAULT = "application/octet-stream";
  static final String ATTRIBUTE = "content-type";
  private static final long TTL_NANOS = 60_000_000_000L;
  private static final int MAX_ENTRIES = 10_000;

  /** Common web types; the site builder's own table is fuller. */
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("css", "text/css"),
      Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"), Map.entry("json", "application/json"),
      Map.entry("txt", "text/plain"), Map.entry("md", "text/markdown"), Map.entry("csv", "text/csv"),
      Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"), Map.entry("ico", "image/vnd.microsoft.icon"),
      Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
      Map.entry("otf", "font/otf"), Map.entry("wasm", "application/wasm"), Map.entry("pdf", "application/pdf"),
      Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("mp4", "video/mp4"),
      Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"),
      Map.entry("wav", "audio/wav"));

  private final LedgerClient ledger;
  private final LongSupplier clock;
  private final Map<BlobId, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BlobId, Cached> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  private record Cached(Optional<String> type, long expiresAt) {}

  ContentTypes(LedgerClient ledger) {
    this(ledger, System::nanoTime);
  }

  ContentTypes(LedgerClient ledger, LongSupplier clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The type an identifier's extension names (case-insensitive), if this small table knows it. */
  static Optional<String> forIdentifier(String identifier) {
    int slash = identifier.lastIndexOf('/');
    int dot = identifier.lastIndexOf('.');
    if (dot <= slash + 1 || dot == identifier.length() - 1) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_EXTENSION.get(identifier.substring(dot + 1).toLowerCase(Locale.ROOT)));
  }

  /** The {@code content-type} attribute of the blob's Blob objects; empty if none has one or the ledger fails. */
  Optional<String> forBlob(BlobId blobId) {
    long now = clock.getAsLong();
    synchronized (cache) {
      Cached c = cache.get(blobId);
      if (c != null && c.expiresAt - now > 0) {
        return c.type;
      }
    }
    Optional<String> type;
    try {
      type = fromLedger(ledger.blob(blobId));
    } catch (RuntimeException e) {
      LOG.debug("no content type for {}: {}", blobId, e.toString());
      return Optional.empty();
    }
    synchronized (cache) {
      cache.put(blobId, new Cached(type, now + TTL_NANOS));
    }
    return type;
  }

  static Optional<String> fromLedger(BlobObjectsView view) {
    for (ObjectView object : view.objects()) {
      if (!BlobObject.isBlobObject(object)) {
        continue;
      }
      for (Map.Entry<String, String> a : BlobObject.fromLedger(object).attributes().entrySet()) {
        if (a.getKey().equalsIgnoreCase(ATTRIBUTE) && ResponseHeaders.isHeaderValue(a.getValue())
            && !a.getValue().isBlank()) {
          return Optional.of(a.getValue());
        }
      }
    }
    return Optional.empty();
  }
}
