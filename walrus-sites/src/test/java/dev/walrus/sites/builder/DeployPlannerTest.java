package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.SiteView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployPlannerTest {
  private static final ObjectId SITE = id(1);
  private static final BlobId QUILT_A = blob(10);
  private static final BlobId QUILT_B = blob(11);
  private static final int EPOCH = 5;

  private static ObjectId id(int n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    return ObjectId.of(b);
  }

  private static BlobId blob(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) n;
    return BlobId.of(b);
  }

  private static LocalFile file(String path, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    return new LocalFile(path, Path.of("/nowhere" + path), data.length, SiteDirectory.sha256(data));
  }

  /** The resource the ledger would hold for {@code f} stored as patch {@code column} of {@code quilt}. */
  private static SiteResource onLedger(LocalFile f, BlobId quilt, int column) {
    return new SiteResource(f.resourcePath(), new HeaderRules(Map.of()).headersFor(f.resourcePath()), quilt,
        f.sha256(), Optional.of(new QuiltPatchId.Internal(column, column + 1).toBytes()), Optional.empty());
  }

  private static DeployPlanner.LedgerSite site(List<SiteResource> resources, List<SiteRoute> routes) {
    SiteView view = new SiteView(SITE, Address.of(new byte[32]), "Site", SiteMetadata.EMPTY, 3, resources.size(),
        routes, List.of());
    return new DeployPlanner.LedgerSite(view, resources);
  }

  private static DeployPlanner.OwnedBlob owned(BlobId blob, int objectNumber, int endEpoch) {
    return new DeployPlanner.OwnedBlob(id(objectNumber), blob, endEpoch, true);
  }

  private static DeployPlan plan(Optional<DeployPlanner.LedgerSite> site, List<LocalFile> files, WsResources config,
      List<DeployPlanner.OwnedBlob> owned, List<String> warnings) {
    return DeployPlanner.plan(new DeployPlanner.Input(site, files, config, Optional.empty(), owned, EPOCH, EPOCH + 3),
        warnings::add);
  }

  /** Pretends every upload landed in quilt {@code quilt}, one column each. */
  private static Map<String, DeployPlan.Uploaded> uploadAll(DeployPlan plan, BlobId quilt) {
    Map<String, DeployPlan.Uploaded> out = new HashMap<>();
    int column = 1;
    for (LocalFile f : plan.uploads()) {
      out.put(f.resourcePath(), new DeployPlan.Uploaded(f.resourcePath(),
          new QuiltPatchId(quilt, column, column + 1), f.sha256()));
      column++;
    }
    return out;
  }

  private final LocalFile index = file("/index.html", "<h1>hi</h1>");
  private final LocalFile css = file("/style.css", "body{}");
  private final LocalFile js = file("/app.js", "go()");

  @Test
  void aNewSiteUploadsEverythingAndCreatesWithDefaults() {
    WsResources config = WsResources.parse("f", "{\"routes\": {\"/app/*\": \"/index.html\"}}");
    DeployPlan p = plan(Optional.empty(), List.of(index, css, js), config, List.of(), new ArrayList<>());
    assertThat(p.isNewSite()).isTrue();
    assertThat(p.createName()).isEqualTo(DeployPlanner.DEFAULT_SITE_NAME);
    assertThat(p.createMetadata()).isEqualTo(DeployPlanner.DEFAULT_METADATA);
    assertThat(p.uploads()).containsExactly(index, css, js);
    List<SiteResource> puts = p.puts(uploadAll(p, QUILT_A));
    assertThat(puts).extracting(SiteResource::path).containsExactly("/app.js", "/index.html", "/style.css");
    assertThat(puts.get(1).quiltPatch().orElseThrow()).hasSize(5);
    assertThat(puts.get(1).blobHash()).isEqualTo(index.sha256());
    List<SiteDiff> diffs = p.diffs(puts);
    assertThat(diffs).hasSize(1);
    assertThat(diffs.getFirst().routes()).contains(List.of(new SiteRoute("/app/*", "/index.html")));
    assertThat(diffs.getFirst().deletes()).isEmpty();
    assertThat(p.droppedBlobs(puts)).isEmpty();
  }

  @Test
  void oneChangedFileIsTheOnlyUpload() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1), onLedger(css, QUILT_A, 2), onLedger(js, QUILT_A, 3)),
        List.of());
    LocalFile newCss = file("/style.css", "body{color:red}");
    DeployPlan p = plan(Optional.of(ledger), List.of(index, newCss, js), WsResources.EMPTY,
        List.of(owned(QUILT_A, 20, EPOCH + 10)), new ArrayList<>());
    assertThat(p.uploads()).containsExactly(newCss);
    assertThat(p.reusedPuts()).isEmpty();
    assertThat(p.deletes()).isEmpty();
    assertThat(p.extensions()).isEmpty();
    List<SiteResource> puts = p.puts(uploadAll(p, QUILT_B));
    assertThat(puts).extracting(SiteResource::path).containsExactly("/style.css");
    // The old quilt still holds index.html and app.js: nothing to collect.
    assertThat(p.droppedBlobs(puts)).isEmpty();
  }

  @Test
  void aRemovedFileIsDeletedAndItsBlobCollectedOnceUnreferenced() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1), onLedger(css, QUILT_B, 1)), List.of());
    DeployPlan p = plan(Optional.of(ledger), List.of(index), WsResources.EMPTY,
        List.of(owned(QUILT_A, 20, EPOCH + 10), owned(QUILT_B, 21, EPOCH + 10)), new ArrayList<>());
    assertThat(p.uploads()).isEmpty();
    assertThat(p.deletes()).containsExactly("/style.css");
    List<SiteResource> puts = p.puts(Map.of());
    assertThat(p.diffs(puts)).singleElement().satisfies(d -> {
      assertThat(d.deletes()).containsExactly("/style.css");
      assertThat(d.puts()).isEmpty();
    });
    assertThat(p.droppedBlobs(puts)).containsExactly(QUILT_B);
    assertThat(p.ownedObjects(p.droppedBlobs(puts))).containsExactly(id(21));
  }

  @Test
  void aQuiltStaysWhileOnePatchIsLive() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1), onLedger(css, QUILT_A, 2)), List.of());
    DeployPlan p = plan(Optional.of(ledger), List.of(index), WsResources.EMPTY,
        List.of(owned(QUILT_A, 20, EPOCH + 10)), new ArrayList<>());
    assertThat(p.droppedBlobs(p.puts(Map.of()))).isEmpty();
  }

  @Test
  void changedHeadersOnlyPutTheSameBlobWithoutUpload() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1)), List.of());
    WsResources config = WsResources.parse("f", "{\"headers\": {\"/index.html\": {\"Cache-Control\": \"no-cache\"}}}");
    DeployPlan p = plan(Optional.of(ledger), List.of(index), config, List.of(owned(QUILT_A, 20, EPOCH + 10)),
        new ArrayList<>());
    assertThat(p.uploads()).isEmpty();
    List<SiteResource> puts = p.puts(Map.of());
    assertThat(puts).singleElement().satisfies(r -> {
      assertThat(r.blobId()).isEqualTo(QUILT_A);
      assertThat(r.headers()).extracting(h -> h.name()).contains("cache-control");
    });
    assertThat(p.droppedBlobs(puts)).isEmpty();
  }

  @Test
  void anUnchangedSiteChangesNothing() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1)), List.of());
    DeployPlan p = plan(Optional.of(ledger), List.of(index), WsResources.EMPTY, List.of(owned(QUILT_A, 20, EPOCH + 10)),
        new ArrayList<>());
    assertThat(p.changesNothing(p.puts(Map.of()))).isTrue();
  }

  @Test
  void ownedBlobsEndingTooSoonAreExtendedOnceEach() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1), onLedger(css, QUILT_A, 2)), List.of());
    DeployPlan p = plan(Optional.of(ledger), List.of(index, css), WsResources.EMPTY,
        List.of(owned(QUILT_A, 20, EPOCH + 1)), new ArrayList<>());
    assertThat(p.uploads()).isEmpty();
    assertThat(p.extensions()).containsExactly(new DeployPlanner.Extension(id(20), QUILT_A, 2));
    assertThat(p.changesNothing(p.puts(Map.of()))).isFalse();
  }

  @Test
  void blobsNotOwnedAreStoredAgainWithAWarning() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1)), List.of());
    List<String> warnings = new ArrayList<>();
    DeployPlan p = plan(Optional.of(ledger), List.of(index), WsResources.EMPTY, List.of(), warnings);
    assertThat(p.uploads()).containsExactly(index);
    assertThat(warnings).singleElement().asString().contains("/index.html");
    List<SiteResource> puts = p.puts(uploadAll(p, QUILT_B));
    assertThat(puts).singleElement().extracting(SiteResource::blobId).isEqualTo(QUILT_B);
    // Dropped, but not the wallet's: nothing to delete.
    assertThat(p.ownedObjects(p.droppedBlobs(puts))).isEmpty();
  }

  @Test
  void routesAreReplacedWhenTheyDifferAndRemovedWhenGone() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1)), List.of(new SiteRoute("/app/*", "/index.html")));
    List<DeployPlanner.OwnedBlob> owned = List.of(owned(QUILT_A, 20, EPOCH + 10));
    DeployPlan same = plan(Optional.of(ledger), List.of(index),
        WsResources.parse("f", "{\"routes\": {\"/app/*\": \"/index.html\"}}"), owned, new ArrayList<>());
    assertThat(same.routes()).isEmpty();
    DeployPlan gone = plan(Optional.of(ledger), List.of(index), WsResources.EMPTY, owned, new ArrayList<>());
    assertThat(gone.routes()).contains(List.of());
    DeployPlan other = plan(Optional.of(ledger), List.of(index),
        WsResources.parse("f", "{\"routes\": {\"/x/*\": \"/index.html\"}}"), owned, new ArrayList<>());
    assertThat(other.routes()).contains(List.of(new SiteRoute("/x/*", "/index.html")));
  }

  @Test
  void nameAndMetadataOnlyWhenDifferent() {
    var ledger = site(List.of(onLedger(index, QUILT_A, 1)), List.of());
    List<DeployPlanner.OwnedBlob> owned = List.of(owned(QUILT_A, 20, EPOCH + 10));
    DeployPlan same = plan(Optional.of(ledger), List.of(index), WsResources.parse("f", "{\"site_name\": \"Site\"}"),
        owned, new ArrayList<>());
    assertThat(same.name()).isEmpty();
    assertThat(same.metadata()).isEmpty();
    DeployPlan renamed = plan(Optional.of(ledger), List.of(index),
        WsResources.parse("f", "{\"site_name\": \"Other\", \"metadata\": {\"creator\": \"me\"}}"), owned,
        new ArrayList<>());
    assertThat(renamed.name()).contains("Other");
    assertThat(renamed.metadata().orElseThrow().creator()).contains("me");
  }

  @Test
  void manySmallChangesAreSplitByCount() {
    List<SiteResource> existing = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      existing.add(onLedger(file("/" + i, "o"), QUILT_A, 1));
    }
    DeployPlan p = plan(Optional.of(site(existing, List.of())), List.of(), WsResources.EMPTY, List.of(),
        new ArrayList<>());
    assertThat(p.diffs(List.of())).extracting(d -> d.deletes().size()).containsExactly(1000, 500);
  }

  @Test
  void largeChangesAreSplitIntoUpdatesOfAtMostTheLimit() {
    List<SiteResource> existing = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      existing.add(onLedger(file("/old/" + i, "o" + i), QUILT_A, 1));
    }
    List<LocalFile> files = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      files.add(file("/new/" + i, "n" + i));
    }
    DeployPlan p = plan(Optional.of(site(existing, List.of())), files, WsResources.parse("f", "{\"site_name\": \"N\"}"),
        List.of(), new ArrayList<>());
    Map<String, DeployPlan.Uploaded> uploaded = new HashMap<>();
    for (LocalFile f : p.uploads()) {
      uploaded.put(f.resourcePath(), new DeployPlan.Uploaded(f.resourcePath(), new QuiltPatchId(QUILT_B, 1, 2),
          f.sha256()));
    }
    List<SiteDiff> diffs = p.diffs(p.puts(uploaded));
    assertThat(diffs.size()).isGreaterThanOrEqualTo(2);
    int deletes = 0;
    int puts = 0;
    boolean putsStarted = false;
    for (SiteDiff d : diffs) {
      assertThat(d.deletes().size() + d.puts().size()).isBetween(1, DeployPlan.MAX_CHANGES_PER_UPDATE);
      assertThat(BcsRecords.encode(SiteDiff.class, d).length).isLessThanOrEqualTo(DeployPlan.MAX_DIFF_BYTES);
      assertThat(d.deletes().isEmpty() || !putsStarted).as("deletes come first").isTrue();
      putsStarted |= !d.puts().isEmpty();
      deletes += d.deletes().size();
      puts += d.puts().size();
    }
    assertThat(deletes).isEqualTo(700);
    assertThat(puts).isEqualTo(900);
    assertThat(diffs.get(0).name()).contains("N");
    assertThat(diffs.subList(1, diffs.size())).allSatisfy(d -> assertThat(d.name()).isEmpty());
    assertThat(Set.copyOf(p.droppedBlobs(p.puts(uploaded)))).containsExactly(QUILT_A);
  }
}
