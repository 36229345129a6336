package dev.walrus.sites.builder;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link DeployPlanner} decided; turned into ledger changes once the uploads are done.
 *
 * @param siteId the site to update, or empty to create one named {@code createName} with {@code
 *     createMetadata}
 * @param uploads files to store in quilts (changed, new, or whose blob must be stored again)
 * @param headers every local file's headers, by resource path
 * @param reusedPuts unchanged files whose resource changes anyway (new headers): no upload
 * @param deletes paths the site has and the folder no longer does
 * @param extensions owned blobs of unchanged files that would expire too early
 * @param routes, redirects, metadata, name what to replace, when it differs from the ledger
 * @param before the site's resources before the deploy, by path
 * @param ownedDeletable the wallet's deletable Blob objects by blob ID (candidates for collection)
 */
public record DeployPlan(
    Optional<ObjectId> siteId,
    String createName,
    SiteMetadata createMetadata,
    List<LocalFile> uploads,
    Map<String, List<SiteHeader>> headers,
    List<SiteResource> reusedPuts,
    List<String> deletes,
    List<DeployPlanner.Extension> extensions,
    Optional<List<SiteRoute>> routes,
    Optional<List<SiteRedirect>> redirects,
    Optional<SiteMetadata> metadata,
    Optional<String> name,
    Map<String, SiteResource> before,
    Map<BlobId, List<ObjectId>> ownedDeletable) {

  /** The ledger's limit on resources removed plus put by one {@code UpdateSite}. */
  public static final int MAX_CHANGES_PER_UPDATE = 1000;

  /**
   * Bytes of BCS one diff may take: the ledger takes signed transactions of at most 64 KiB, and the
   * first may also carry {@code CreateSite} (up to about 10 KiB of name and metadata) and up to 63
   * {@code ExtendBlob}s.
   */
  public static final int MAX_DIFF_BYTES = 48 * 1024;

  /** Where an uploaded file landed: its quilt and its patch there. */
  public record Uploaded(String path, QuiltPatchId patch, byte[] sha256) {}

  public boolean isNewSite() {
    return siteId.isEmpty();
  }

  /** Every resource to put: the reused ones, then one per uploaded file, in path order. */
  public List<SiteResource> puts(Map<String, Uploaded> uploaded) {
    Map<String, SiteResource> puts = new java.util.TreeMap<>(dev.walrus.core.quilt.QuiltIdentifiers.UTF8_ORDER);
    reusedPuts.forEach(r -> puts.put(r.path(), r));
    for (LocalFile f : uploads) {
      Uploaded u = uploaded.get(f.resourcePath());
      if (u == null) {
        throw new IllegalStateException("no upload recorded for " + f.resourcePath());
      }
      puts.put(f.resourcePath(), new SiteResource(f.resourcePath(), headers.get(f.resourcePath()),
          u.patch().quiltId(), f.sha256(), Optional.of(u.patch().internal().toBytes()), Optional.empty()));
    }
    return List.copyOf(puts.values());
  }

  /**
   * The change as {@code UpdateSite} diffs, deletes first, each of at most {@value
   * #MAX_CHANGES_PER_UPDATE} deletes plus puts and about {@value #MAX_DIFF_BYTES} bytes of BCS (a
   * signed transaction is at most 64 KiB, and the first one may also create the site and extend
   * blobs); routes, redirects, metadata and name ride in the first. Always at least one diff (a new
   * site gets its first version even when the folder adds nothing new).
   */
  public List<SiteDiff> diffs(List<SiteResource> puts) {
    List<SiteDiff> out = new ArrayList<>();
    List<String> d = new ArrayList<>();
    List<SiteResource> p = new ArrayList<>();
    long bytes = BcsRecords.encode(SiteDiff.class, new SiteDiff(List.of(), List.of(), routes, redirects, metadata,
        name)).length;
    int i = 0;
    int total = deletes.size() + puts.size();
    while (i < total) {
      long size = i < deletes.size() ? stringBytes(deletes.get(i))
          : BcsRecords.encode(SiteResource.class, puts.get(i - deletes.size())).length;
      boolean empty = d.isEmpty() && p.isEmpty();
      if (!empty && (d.size() + p.size() >= MAX_CHANGES_PER_UPDATE || bytes + size > MAX_DIFF_BYTES)) {
        out.add(diff(d, p, out.isEmpty()));
        d = new ArrayList<>();
        p = new ArrayList<>();
        bytes = BASE_DIFF_BYTES;
      }
      if (i < deletes.size()) {
        d.add(deletes.get(i));
      } else {
        p.add(puts.get(i - deletes.size()));
      }
      bytes += size;
      i++;
    }
    if (out.isEmpty() || !d.isEmpty() || !p.isEmpty()) {
      out.add(diff(d, p, out.isEmpty()));
    }
    return out;
  }

  /** The BCS size of a diff with nothing in it. */
  private static final long BASE_DIFF_BYTES = BcsRecords.encode(SiteDiff.class, new SiteDiff(List.of(), List.of(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).length;

  private SiteDiff diff(List<String> d, List<SiteResource> p, boolean first) {
    return new SiteDiff(List.copyOf(d), List.copyOf(p), first ? routes : Optional.empty(),
        first ? redirects : Optional.empty(), first ? metadata : Optional.empty(), first ? name : Optional.empty());
  }

  /** A string's BCS size: its UTF-8 bytes after a ULEB128 length. */
  private static long stringBytes(String s) {
    int n = s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int prefix = 1;
    for (int v = n >>> 7; v != 0; v >>>= 7) {
      prefix++;
    }
    return (long) n + prefix;
  }

  /** Whether the deploy changes nothing on the ledger (no diff, no extension). */
  public boolean changesNothing(List<SiteResource> puts) {
    return !isNewSite() && deletes.isEmpty() && puts.isEmpty() && extensions.isEmpty() && routes.isEmpty()
        && redirects.isEmpty() && metadata.isEmpty() && name.isEmpty();
  }

  /**
   * The blobs the site referenced before and references no more once {@code puts} and the deletes
   * are applied (sites.md §3.3 step 8): a quilt is dropped only when none of its patches is live.
   */
  public Set<BlobId> droppedBlobs(List<SiteResource> puts) {
    Map<String, BlobId> after = new LinkedHashMap<>();
    before.forEach((path, r) -> after.put(path, r.blobId()));
    deletes.forEach(after::remove);
    puts.forEach(r -> after.put(r.path(), r.blobId()));
    Set<BlobId> live = new HashSet<>(after.values());
    Set<BlobId> dropped = new java.util.TreeSet<>(java.util.Comparator.comparing(BlobId::toString));
    before.values().forEach(r -> {
      if (!live.contains(r.blobId())) {
        dropped.add(r.blobId());
      }
    });
    return dropped;
  }

  /** The wallet's deletable Blob objects of these blobs: what garbage collection deletes. */
  public List<ObjectId> ownedObjects(Set<BlobId> blobs) {
    List<ObjectId> out = new ArrayList<>();
    for (BlobId b : blobs) {
      out.addAll(ownedDeletable.getOrDefault(b, List.of()));
    }
    return out;
  }
}
