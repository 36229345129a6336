package dev.walrus.sites.builder;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.WalrusException;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code walrus site list | sitemap | destroy}: the wallet's sites, one site's resources with
 * where their bytes are and until when, and the removal of a site with the blobs only it used.
 */
public final class SiteManager {
  private final SiteLedger ledger;

  public SiteManager(SiteLedger ledger) {
    this.ledger = ledger;
  }

  /** The wallet's sites. */
  public List<SiteView> list() {
    return ledger.ledger().sites(ledger.address());
  }

  /**
   * One line of a sitemap.
   *
   * @param blobOrPatchId the quilt patch ID (base64url) if the file is a patch, else the blob ID
   * @param endEpoch when the wallet's Blob object of it ends; empty if the wallet owns none
   */
  public record Entry(String path, String blobOrPatchId, BlobId blobId, Optional<ObjectId> blobObject,
      Optional<Integer> endEpoch) {}

  /** Every resource of a site (anyone's) with its blob or patch ID and, if the wallet owns it, its end. */
  public List<Entry> sitemap(ObjectId siteId) {
    ledger.site(siteId);
    Map<BlobId, DeployPlanner.OwnedBlob> owned = new HashMap<>();
    for (DeployPlanner.OwnedBlob b : ledger.ownedBlobs()) {
      owned.merge(b.blobId(), b, (x, y) -> x.endEpoch() >= y.endEpoch() ? x : y);
    }
    List<Entry> out = new ArrayList<>();
    for (SiteResource r : ledger.resources(siteId)) {
      String id = r.quiltPatch()
          .map(p -> new QuiltPatchId(r.blobId(), QuiltPatchId.Internal.fromBytes(p)).toString())
          .orElse(r.blobId().toString());
      DeployPlanner.OwnedBlob b = owned.get(r.blobId());
      out.add(new Entry(r.path(), id, r.blobId(), Optional.ofNullable(b).map(DeployPlanner.OwnedBlob::objectId),
          Optional.ofNullable(b).map(DeployPlanner.OwnedBlob::endEpoch)));
    }
    return out;
  }

  /** What {@link #destroy} did. */
  public record Destroyed(ObjectId siteId, int resources, List<ObjectId> deletedBlobObjects, long fee) {}

  /**
   * Deletes the wallet's deletable blobs that only this site uses, then the site with all its
   * resources, routes and redirects (sites.md §3.2). Blobs first, as Walrus does, so a destroy
   * that fails half-way can simply be run again: the site still lists what is left.
   *
   * @throws SiteBuilderException if the site does not exist or is not the wallet's
   */
  public Destroyed destroy(ObjectId siteId, Consumer<String> warnings) {
    ledger.ownSite(siteId);
    List<SiteResource> resources = ledger.resources(siteId);
    Set<BlobId> blobs = new LinkedHashSet<>();
    resources.forEach(r -> blobs.add(r.blobId()));
    Set<BlobId> only = ledger.notUsedByOtherSites(siteId, blobs);
    List<ObjectId> deleted = new ArrayList<>();
    for (DeployPlanner.OwnedBlob b : ledger.ownedBlobs()) {
      if (b.deletable() && only.contains(b.blobId())) {
        try {
          ledger.walrus().delete(b.objectId());
          deleted.add(b.objectId());
        } catch (WalrusException e) {
          warnings.accept("could not delete blob object " + b.objectId() + ": " + e.getMessage());
        }
      }
    }
    long fee = ledger.execute("destroying the site", new Operation.DestroySite(siteId)).feeCharged();
    return new Destroyed(siteId, resources.size(), deleted, fee);
  }
}
