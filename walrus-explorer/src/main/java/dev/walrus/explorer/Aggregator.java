package dev.walrus.explorer;

import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.LedgerJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator the explorer links to for reading blobs, and asks for a quilt's patches ({@code
 * GET /v1/quilts/{id}/patches}). Its answers are bounded in size and time; a blob that is not a
 * quilt, or an aggregator that does not answer, simply has no patches on the page.
 *
 * <p>A blob ID fixes the blob's bytes, so a quilt's patch list never changes: it is kept for the
 * last {@link #CACHED_BLOBS} blobs, and the aggregator — which reads the quilt index from the
 * storage nodes — is asked once per blob, not once per page view. A refusal (Walrus's aggregator
 * answers 500 for a blob that is not a quilt, as for a failed read) is kept for {@link
 * #REFUSAL_TTL} only.
 */
final class Aggregator {
  private static final int MAX_PATCH_LIST_BYTES = 1 << 20;
  static final int CACHED_BLOBS = 4096;
  static final Duration REFUSAL_TTL = Duration.ofMinutes(1);

  /** An answer and until when it holds ({@link System#nanoTime}). */
  private record Known(Optional<List<Patch>> patches, long untilNanos) {}

  /** One file of a quilt: its identifier, the ID to read it by, its tags. */
  record Patch(String identifier, String patchId, Map<String, String> tags) {}

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;
  /** The aggregator's answers by blob ID, least recently used first; empty: not a quilt. */
  private final Map<BlobId, Known> known = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BlobId, Known> eldest) {
      return size() > CACHED_BLOBS;
    }
  };

  Aggregator(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Where a browser reads the blob. */
  URI blobUrl(BlobId id) {
    return base.resolve("/v1/blobs/" + id);
  }

  URI patchUrl(String patchId) {
    return base.resolve("/v1/blobs/by-quilt-patch-id/" + patchId);
  }

  /** The quilt's patches; empty if the blob is not a quilt or the aggregator does not say. */
  Optional<List<Patch>> patches(BlobId id) {
    synchronized (known) {
      Known cached = known.get(id);
      if (cached != null && cached.untilNanos() - System.nanoTime() > 0) {
        return cached.patches();
      }
    }
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/quilts/" + id + "/patches")).timeout(timeout).GET()
        .build();
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status != 200) {
          remember(id, new Known(Optional.empty(), System.nanoTime() + REFUSAL_TTL.toNanos()));
          return Optional.empty();
        }
        Optional<List<Patch>> patches = Optional.of(parse(LedgerJson.mapper().readTree(
            body.readNBytes(MAX_PATCH_LIST_BYTES))));
        remember(id, new Known(patches, System.nanoTime() + Long.MAX_VALUE / 2));
        return patches;
      }
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void remember(BlobId id, Known answer) {
    synchronized (known) {
      known.put(id, answer);
    }
  }

  private static List<Patch> parse(JsonNode list) {
    List<Patch> out = new ArrayList<>();
    for (JsonNode p : list) {
      Map<String, String> tags = new LinkedHashMap<>();
      p.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString("")));
      out.add(new Patch(p.path("identifier").asString(""), p.path("patch_id").asString(""), tags));
    }
    return out;
  }
}
