package dev.walrus.sites.builder;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.SiteView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Decides what a deploy does (sites.md §3.3 steps 3–6), without any I/O: which files to upload,
 * which resources to keep, re-point or delete, which owned blobs to extend, and which routes,
 * redirects, metadata and name to set. A file is unchanged when the site has a resource at the
 * same path with the same SHA-256: it reuses that blob, so redeploying an unchanged site uploads
 * nothing and a one-file change uploads one file.
 */
public final class DeployPlanner {
  /** The name a new site gets when neither {@code --site-name} nor {@code site_name} gives one. */
  public static final String DEFAULT_SITE_NAME = "My Walrus Site";

  /** Metadata a new site gets when its ws-resources.json has none (sites.md §1.1). */
  public static final SiteMetadata DEFAULT_METADATA = new SiteMetadata(Optional.empty(),
      Optional.of("https://www.walrus.xyz/walrus-site"), Optional.of("A walrus site created using Walrus and Sui!"),
      Optional.empty(), Optional.empty());

  /**
   * A Blob object the wallet owns, as far as planning cares.
   *
   * @param endEpoch the first epoch in which the blob is no longer stored
   */
  public record OwnedBlob(ObjectId objectId, BlobId blobId, int endEpoch, boolean deletable) {}

  /** The site as the ledger has it: its fields and every resource. */
  public record LedgerSite(SiteView view, List<SiteResource> resources) {
    public LedgerSite {
      resources = List.copyOf(resources);
    }
  }

  /** An owned blob to extend by {@code epochs} so that it lasts until the target end epoch. */
  public record Extension(ObjectId objectId, BlobId blobId, int epochs) {}

  /**
   * What to deploy.
   *
   * @param site the site now, or empty for a new one
   * @param files the folder's files
   * @param config the folder's ws-resources.json
   * @param siteName {@code --site-name}, if given
   * @param owned the wallet's live Blob objects
   * @param currentEpoch the ledger's current epoch
   * @param endEpoch the epoch until which every file must stay stored (exclusive)
   */
  public record Input(
      Optional<LedgerSite> site,
      List<LocalFile> files,
      WsResources config,
      Optional<String> siteName,
      List<OwnedBlob> owned,
      int currentEpoch,
      int endEpoch) {}

  private DeployPlanner() {}

  /** Plans the deploy; {@code warnings} hears about blobs that must be stored again. */
  public static DeployPlan plan(Input in, Consumer<String> warnings) {
    HeaderRules rules = new HeaderRules(in.config().headers());
    Map<String, SiteResource> onLedger = new LinkedHashMap<>();
    in.site().ifPresent(s -> s.resources().forEach(r -> onLedger.put(r.path(), r)));
    Map<BlobId, OwnedBlob> owned = longestLived(in.owned());

    List<LocalFile> uploads = new ArrayList<>();
    Map<String, List<SiteHeader>> headers = new LinkedHashMap<>();
    List<SiteResource> reusedPuts = new ArrayList<>();
    Map<ObjectId, Extension> extensions = new LinkedHashMap<>();
    Set<String> localPaths = new TreeSet<>();
    for (LocalFile f : in.files()) {
      localPaths.add(f.resourcePath());
      List<SiteHeader> h = rules.headersFor(f.resourcePath());
      headers.put(f.resourcePath(), h);
      SiteResource existing = onLedger.get(f.resourcePath());
      if (existing == null || !Arrays.equals(existing.blobHash(), f.sha256()) || existing.range().isPresent()) {
        uploads.add(f);
        continue;
      }
      OwnedBlob blob = owned.get(existing.blobId());
      if (blob == null || blob.endEpoch() <= in.currentEpoch()) {
        warnings.accept("storing " + f.resourcePath() + " again: its blob " + existing.blobId()
            + (blob == null ? " is not owned by this wallet (or has expired)" : " has expired"));
        uploads.add(f);
        continue;
      }
      if (blob.endEpoch() < in.endEpoch()) {
        extensions.putIfAbsent(blob.objectId(),
            new Extension(blob.objectId(), blob.blobId(), in.endEpoch() - blob.endEpoch()));
      }
      if (!existing.headers().equals(h)) {
        reusedPuts.add(new SiteResource(existing.path(), h, existing.blobId(), existing.blobHash(),
            existing.quiltPatch(), Optional.empty()));
      }
    }
    List<String> deletes = onLedger.keySet().stream().filter(p -> !localPaths.contains(p)).toList();

    Optional<SiteView> view = in.site().map(LedgerSite::view);
    Optional<List<SiteRoute>> routes = replacement(in.config().ledgerRoutes(), view.map(SiteView::routes));
    Optional<List<SiteRedirect>> redirects =
        replacement(in.config().ledgerRedirects(), view.map(SiteView::redirects));
    Optional<String> wantedName = in.siteName().or(() -> in.config().siteName());
    Optional<SiteMetadata> wantedMetadata = in.config().metadata().map(WsResources.Metadata::toLedger);
    Optional<String> name;
    Optional<SiteMetadata> metadata;
    String createName;
    SiteMetadata createMetadata;
    if (view.isPresent()) {
      name = wantedName.filter(n -> !n.equals(view.get().name()));
      metadata = wantedMetadata.filter(m -> !m.equals(view.get().metadata()));
      createName = null;
      createMetadata = null;
    } else {
      name = Optional.empty();
      metadata = Optional.empty();
      createName = wantedName.orElse(DEFAULT_SITE_NAME);
      createMetadata = wantedMetadata.orElse(DEFAULT_METADATA);
    }
    Map<BlobId, Set<String>> before = new HashMap<>();
    onLedger.values().forEach(r -> before.computeIfAbsent(r.blobId(), b -> new TreeSet<>()).add(r.path()));
    return new DeployPlan(in.site().map(s -> s.view().id()), createName, createMetadata, List.copyOf(uploads),
        headers, List.copyOf(reusedPuts), deletes, List.copyOf(extensions.values()), routes, redirects, metadata,
        name, Map.copyOf(onLedger), ownedDeletable(in.owned()));
  }

  /** For each blob ID, the owned object that lasts longest (the one worth extending). */
  private static Map<BlobId, OwnedBlob> longestLived(List<OwnedBlob> owned) {
    return owned.stream().collect(Collectors.toMap(OwnedBlob::blobId, b -> b,
        (a, b) -> a.endEpoch() >= b.endEpoch() ? a : b));
  }

  private static Map<BlobId, List<ObjectId>> ownedDeletable(List<OwnedBlob> owned) {
    Map<BlobId, List<ObjectId>> out = new HashMap<>();
    owned.stream().filter(OwnedBlob::deletable)
        .forEach(b -> out.computeIfAbsent(b.blobId(), k -> new ArrayList<>()).add(b.objectId()));
    return out;
  }

  /**
   * The list to set, if it differs from the ledger's: a new site sets a non-empty list; an
   * existing one replaces a different list, and removes one the file no longer has.
   */
  private static <T> Optional<List<T>> replacement(List<T> wanted, Optional<List<T>> current) {
    if (current.isEmpty()) {
      return wanted.isEmpty() ? Optional.empty() : Optional.of(wanted);
    }
    return wanted.equals(current.get()) ? Optional.empty() : Optional.of(wanted);
  }
}
