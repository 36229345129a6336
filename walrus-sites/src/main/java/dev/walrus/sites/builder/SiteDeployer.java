package dev.walrus.sites.builder;

import dev.walrus.client.ProgressListener;
import dev.walrus.client.QuiltStoreResult;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.StoredQuiltPatch;
import dev.walrus.core.ObjectId;
import dev.walrus.core.WalrusException;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.api.TransactionEffects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code walrus site deploy}: plans (see {@link DeployPlanner}), uploads the changed files in
 * quilts, then changes the ledger. Uploads come first and the ledger only after all of them
 * succeeded, so a failed deploy leaves the site as it was (quilts stored before the failure are
 * deleted again). A new site is created and filled in one transaction; an update of at most
 * {@value DeployPlan#MAX_CHANGES_PER_UPDATE} resource changes is one atomic {@code UpdateSite},
 * a larger one several transactions in a row — not atomic: a reader may see a half-updated site
 * until the last one lands, as with Walrus.
 */
public final class SiteDeployer {
  private final SiteLedger ledger;
  private final Consumer<String> warnings;

  public SiteDeployer(SiteLedger ledger, Consumer<String> warnings) {
    this.ledger = ledger;
    this.warnings = warnings;
  }

  /**
   * What to deploy.
   *
   * @param folder the site's folder
   * @param wsResources the config file; null for {@code folder/ws-resources.json} (optional then)
   * @param epochs epochs ahead to store files for, counting the current one
   * @param siteId {@code --site-id}: overrides the file's {@code object_id}
   * @param siteName {@code --site-name}: overrides the file's {@code site_name}
   * @param maxQuiltSize bytes per quilt at most
   */
  public record Request(Path folder, Path wsResources, int epochs, Optional<ObjectId> siteId,
      Optional<String> siteName, long maxQuiltSize) {}

  /** Progress of a deploy, for a bar: quilts to store, then each one stored. */
  public interface Progress extends ProgressListener {
    void quiltStarted(int index, int total, int files);

    Progress NONE = new Progress() {
      @Override
      public void quiltStarted(int index, int total, int files) {}

      @Override
      public void roundStarted(long bytes) {}

      @Override
      public void advanced(long bytes) {}
    };
  }

  /**
   * What a deploy did.
   *
   * @param created resources whose paths are new
   * @param updated resources put over an existing path (new content or new headers)
   * @param deleted paths removed
   * @param quilts the quilts stored, with their files' paths
   * @param frostSpent WAL (in FROST) the wallet paid: storage, extensions and transaction fees
   * @param transactions ledger transactions run for the site
   */
  public record Result(
      ObjectId siteId,
      boolean newSite,
      String siteName,
      List<SiteResource> created,
      List<SiteResource> updated,
      List<String> deleted,
      List<StoredQuilt> quilts,
      List<DeployPlanner.Extension> extensions,
      boolean routesChanged,
      boolean redirectsChanged,
      boolean metadataChanged,
      boolean nameChanged,
      List<ObjectId> deletedBlobObjects,
      long frostSpent,
      int transactions) {

    public int filesUploaded() {
      return quilts.stream().mapToInt(q -> q.paths().size()).sum();
    }
  }

  /**
   * One quilt the deploy stored: its blob, its Blob object, the resource paths in it, and whether
   * this deploy created the object (rather than finding the wallet's own, already certified).
   */
  public record StoredQuilt(String blobId, ObjectId objectId, List<String> paths, boolean newlyCreated) {}

  public Result deploy(Request request, Progress progress) throws IOException {
    Path config = request.wsResources() != null ? request.wsResources()
        : request.folder().resolve(WsResources.FILE_NAME);
    if (!Files.isDirectory(request.folder())) {
      throw new SiteBuilderException(request.folder() + ": "
          + (Files.exists(request.folder()) ? "not a directory" : "no such directory"));
    }
    WsResources resources = WsResources.load(config, request.wsResources() != null);
    Optional<ObjectId> siteId = request.siteId().or(resources::objectId);
    Optional<DeployPlanner.LedgerSite> site = siteId.map(id -> {
      SiteView view = ledger.ownSite(id);
      return new DeployPlanner.LedgerSite(view, ledger.resources(id));
    });
    List<LocalFile> files = SiteDirectory.walk(request.folder(), config, resources, warnings);
    if (files.isEmpty() && site.isEmpty()) {
      throw new SiteBuilderException(request.folder() + " holds no files to publish");
    }
    long balanceBefore = ledger.balance();
    int epoch = ledger.currentEpoch();
    DeployPlan plan = DeployPlanner.plan(new DeployPlanner.Input(site, files, resources, request.siteName(),
        ledger.ownedBlobs(), epoch, epoch + request.epochs()), warnings);

    List<StoredQuilt> quilts = new ArrayList<>();
    Map<String, DeployPlan.Uploaded> uploaded = upload(plan, request, progress, quilts);
    List<SiteResource> puts = plan.puts(uploaded);

    int transactions = 0;
    ObjectId id;
    if (plan.changesNothing(puts)) {
      id = plan.siteId().orElseThrow();
    } else {
      Applied applied = apply(plan, plan.diffs(puts), quilts);
      id = applied.siteId();
      transactions = applied.transactions();
    }
    List<ObjectId> collected = collect(plan.ownedObjects(ledger.notUsedByOtherSites(id, plan.droppedBlobs(puts))));
    String siteName = plan.isNewSite() ? plan.createName()
        : plan.name().orElse(site.map(s -> s.view().name()).orElseThrow());
    if (plan.isNewSite() || !resources.objectId().equals(Optional.of(id))
        || !resources.siteName().equals(Optional.of(siteName))) {
      WsResources.writeBack(config, id, siteName);
    }
    List<SiteResource> created = new ArrayList<>();
    List<SiteResource> updated = new ArrayList<>();
    for (SiteResource r : puts) {
      (plan.before().containsKey(r.path()) ? updated : created).add(r);
    }
    return new Result(id, plan.isNewSite(), siteName, created, updated, plan.deletes(), quilts, plan.extensions(),
        plan.routes().isPresent(), plan.redirects().isPresent(), plan.metadata().isPresent(),
        plan.name().isPresent(), collected, Math.max(0, balanceBefore - ledger.balance()), transactions);
  }

  /** Stores the plan's uploads quilt by quilt; on a failure deletes the quilts already stored. */
  private Map<String, DeployPlan.Uploaded> upload(DeployPlan plan, Request request, Progress progress,
      List<StoredQuilt> stored) throws IOException {
    Map<String, DeployPlan.Uploaded> out = new HashMap<>();
    if (plan.uploads().isEmpty()) {
      return out;
    }
    List<List<LocalFile>> groups = new QuiltPacker(ledger.nShards(), request.maxQuiltSize()).pack(plan.uploads());
    StoreOptions options = StoreOptions.defaults().withEpochs(request.epochs()).withDeletable(true)
        .withProgress(progress);
    try {
      for (int i = 0; i < groups.size(); i++) {
        List<LocalFile> group = groups.get(i);
        progress.quiltStarted(i, groups.size(), group.size());
        List<QuiltFile> quiltFiles = new ArrayList<>(group.size());
        Map<String, LocalFile> byPath = new HashMap<>();
        for (LocalFile f : group) {
          byte[] data = Files.readAllBytes(f.file());
          if (!Arrays.equals(SiteDirectory.sha256(data), f.sha256())) {
            throw new SiteBuilderException(f.resourcePath() + " changed while the site was being deployed");
          }
          quiltFiles.add(QuiltFile.of(f.resourcePath(), data));
          byPath.put(f.resourcePath(), f);
        }
        QuiltStoreResult result = ledger.walrus().storeQuilt(quiltFiles, options);
        StoreResult blob = result.blobStoreResult();
        if (blob.outcome() == StoreResult.Outcome.MARKED_INVALID || result.storedQuiltBlobs().isEmpty()) {
          throw new SiteBuilderException("the network marked quilt " + blob.blobId() + " invalid; nothing was stored");
        }
        List<String> paths = new ArrayList<>();
        for (StoredQuiltPatch p : result.storedQuiltBlobs()) {
          LocalFile f = byPath.get(p.identifier());
          if (f == null) {
            throw new SiteBuilderException("quilt " + blob.blobId() + " returned an unknown patch " + p.identifier());
          }
          out.put(p.identifier(), new DeployPlan.Uploaded(p.identifier(), p.quiltPatchId(), f.sha256()));
          paths.add(p.identifier());
        }
        stored.add(new StoredQuilt(blob.blobId().toString(), blob.objectId(), List.copyOf(paths),
            blob.isNewlyCreated()));
      }
    } catch (IOException | RuntimeException e) {
      undo(stored);
      throw e;
    }
    return out;
  }

  /**
   * Deletes the quilts this deploy created before it failed; the site was not touched. A quilt the
   * wallet already owned (same content stored before) stays: the site may use it.
   */
  private void undo(List<StoredQuilt> stored) {
    for (StoredQuilt q : stored) {
      if (q.objectId() == null || !q.newlyCreated()) {
        continue;
      }
      try {
        ledger.walrus().delete(q.objectId());
      } catch (WalrusException | IllegalStateException e) {
        warnings.accept("could not delete quilt " + q.blobId() + " after the failed deploy: " + e.getMessage());
      }
    }
  }

  private record Applied(ObjectId siteId, int transactions) {}

  /**
   * The ledger half: the first transaction creates the site (if new), extends the blobs that need
   * it and applies the first diff, all in one {@code Batch} when it fits; later diffs follow one
   * transaction each.
   */
  private Applied apply(DeployPlan plan, List<SiteDiff> diffs, List<StoredQuilt> quilts) {
    List<Operation> extensions = plan.extensions().stream()
        .map(x -> (Operation) new Operation.ExtendBlob(x.objectId(), x.epochs())).toList();
    int transactions = 0;
    int room = Operation.Batch.MAX_OPERATIONS - (plan.isNewSite() ? 2 : 1);
    List<Operation> inFirst = extensions.size() <= room ? extensions : List.of();
    if (inFirst.isEmpty()) {
      // Too many to share the site's transaction: extend first, so the site never points at an
      // expiring blob; each batch is atomic on its own.
      for (int i = 0; i < extensions.size(); i += Operation.Batch.MAX_OPERATIONS) {
        ledger.execute("extending blobs",
            new Operation.Batch(extensions.subList(i, Math.min(extensions.size(), i + Operation.Batch.MAX_OPERATIONS))));
        transactions++;
      }
    }
    List<Operation> first = new ArrayList<>();
    ObjectId siteRef;
    if (plan.isNewSite()) {
      first.add(new Operation.CreateSite(plan.createName(), plan.createMetadata()));
      siteRef = ObjectIds.batchResult(0);
    } else {
      siteRef = plan.siteId().get();
    }
    first.addAll(inFirst);
    first.add(new Operation.UpdateSite(siteRef, diffs.getFirst()));
    TransactionEffects effects;
    try {
      effects = ledger.execute(plan.isNewSite() ? "creating the site" : "updating the site",
          first.size() == 1 ? first.getFirst() : new Operation.Batch(first));
    } catch (RuntimeException e) {
      // Nothing of the site changed (the transaction is all or nothing): the new quilts are unused.
      undo(quilts);
      throw e;
    }
    transactions++;
    ObjectId siteId = plan.isNewSite() ? effects.created().getFirst() : siteRef;
    for (int i = 1; i < diffs.size(); i++) {
      ledger.execute("updating the site (part " + (i + 1) + " of " + diffs.size() + "; the parts before are applied)",
          new Operation.UpdateSite(siteId, diffs.get(i)));
      transactions++;
    }
    return new Applied(siteId, transactions);
  }

  /** Deletes Blob objects no resource uses any more; a failure is a warning, the site is done. */
  private List<ObjectId> collect(List<ObjectId> garbage) {
    List<ObjectId> deleted = new ArrayList<>();
    for (ObjectId object : garbage) {
      try {
        ledger.walrus().delete(object);
        deleted.add(object);
      } catch (WalrusException e) {
        warnings.accept("could not delete blob object " + object + " that the site no longer uses: " + e.getMessage());
      }
    }
    return deleted;
  }
}
