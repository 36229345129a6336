package dev.walrus.ledger.state.sites;

import static dev.walrus.ledger.state.sites.Sites.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.LedgerTestNetwork;
import dev.walrus.ledger.state.objects.Site;
import dev.walrus.ledger.state.objects.StorageResource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sites on the ledger: create, diff, transfer, destroy; ownership; atomicity; digest and snapshots. */
class SiteRulesTest {
  final Ed25519KeyPair alice = LedgerTestNetwork.key(1);
  final Ed25519KeyPair bob = LedgerTestNetwork.key(2);
  final LedgerTestNetwork net = new LedgerTestNetwork(10, 60_000, alice, bob);

  SiteRules sites() {
    return net.state.sites();
  }

  TransactionEffects ok(Ed25519KeyPair who, Operation op) {
    TransactionEffects e = net.run(who, op);
    assertThat(e.status()).as(String.valueOf(e.abort())).isEqualTo(TransactionEffects.Status.SUCCESS);
    return e;
  }

  /** Runs {@code op}, expects an abort of the site module with {@code code}, returns the message. */
  String aborts(Ed25519KeyPair who, Operation op, int code) {
    TransactionEffects e = net.run(who, op);
    assertThat(e.status()).isEqualTo(TransactionEffects.Status.ABORTED);
    assertThat(e.abort().module() + ":" + e.abort().code()).as(e.abort().message())
        .isEqualTo(SiteErrors.MODULE + ":" + code);
    return e.abort().message();
  }

  ObjectId create(Ed25519KeyPair who, String name) {
    return ok(who, Sites.create(name)).created().getFirst();
  }

  Site site(ObjectId id) {
    return sites().find(id).orElseThrow();
  }

  static List<LedgerEvent> events(TransactionEffects e) {
    return e.events().stream().map(EventEnvelope::event).toList();
  }

  @Test
  void createMakesAnOwnedSiteObjectWithAnEvent() {
    SiteMetadata meta = new SiteMetadata(Optional.of("https://x"), Optional.empty(), Optional.of("d"), Optional.empty(),
        Optional.of("me"));
    TransactionEffects e = ok(alice, new Operation.CreateSite("My Walrus Site", meta));
    ObjectId id = e.created().getFirst();
    Site s = site(id);
    assertThat(s.ownerAddress()).isEqualTo(alice.publicKey().toAddress());
    assertThat(s.name()).isEqualTo("My Walrus Site");
    assertThat(s.metadata()).isEqualTo(meta);
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.resourceCount()).isZero();
    assertThat(events(e)).containsExactly(new LedgerEvent.SiteCreated(id, alice.publicKey().toAddress(), "My Walrus Site"));
    assertThat(net.state.services().objects().find(id)).isInstanceOf(Site.class);
    assertThat(sites().ownedBy(alice.publicKey().toAddress(), 10)).extracting(Site::id).containsExactly(id);
  }

  @Test
  void createAndFillInOneBatch() {
    TransactionEffects e = ok(alice, Operation.Batch.of(Sites.create("s"),
        update(ObjectIds.batchResult(0), puts(resource("/index.html")))));
    ObjectId id = e.created().getFirst();
    assertThat(site(id).resourceCount()).isEqualTo(1);
    assertThat(sites().resource(id, "/index.html")).isPresent();
  }

  @Test
  void updatePutsReplacesDeletesAndBumpsTheVersion() {
    ObjectId id = create(alice, "s");
    TransactionEffects e = ok(alice, update(id, puts(resource("/index.html"), resource("/a/b.css"), resource("/"))));
    assertThat(events(e)).containsExactly(new LedgerEvent.SiteUpdated(id, 2, 0, 3));
    assertThat(site(id).resourceCount()).isEqualTo(3);
    assertThat(sites().resources(id, null, 10)).extracting(SiteResource::path)
        .containsExactly("/", "/a/b.css", "/index.html");

    SiteResource changed = resource("/index.html", "new content");
    e = ok(alice, update(id, new SiteDiff(List.of("/a/b.css"), List.of(changed), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty())));
    assertThat(events(e)).containsExactly(new LedgerEvent.SiteUpdated(id, 3, 1, 1));
    assertThat(site(id).resourceCount()).isEqualTo(2);
    assertThat(site(id).version()).isEqualTo(3);
    assertThat(sites().resource(id, "/a/b.css")).isEmpty();
    assertThat(sites().resource(id, "/index.html").orElseThrow().blobHash()).isEqualTo(sha256("new content"));
  }

  @Test
  void routesRedirectsNameAndMetadataReplaceWhenPresentAndStayWhenAbsent() {
    ObjectId id = create(alice, "s");
    List<SiteRoute> routes = List.of(new SiteRoute("/app/*", "/index.html"), new SiteRoute("/a", "/b"));
    List<SiteRedirect> redirects = List.of(new SiteRedirect("/old", "https://example.com/new", 301));
    SiteMetadata meta = new SiteMetadata(Optional.empty(), Optional.of("https://img"), Optional.empty(),
        Optional.empty(), Optional.empty());
    ok(alice, update(id, new SiteDiff(List.of(), List.of(), Optional.of(routes), Optional.of(redirects),
        Optional.of(meta), Optional.of("renamed"))));
    assertThat(sites().routes(id)).isEqualTo(routes);
    assertThat(sites().redirects(id)).isEqualTo(redirects);
    assertThat(site(id).name()).isEqualTo("renamed");
    assertThat(site(id).metadata()).isEqualTo(meta);

    ok(alice, update(id, puts(resource("/x"))));
    assertThat(sites().routes(id)).isEqualTo(routes);
    assertThat(sites().redirects(id)).isEqualTo(redirects);
    assertThat(site(id).name()).isEqualTo("renamed");

    ok(alice, update(id, Sites.routes(List.of())));
    assertThat(sites().routes(id)).isEmpty();
    assertThat(sites().redirects(id)).isEqualTo(redirects);
    ok(alice, update(id, Sites.redirects(List.of())));
    assertThat(sites().redirects(id)).isEmpty();
    assertThat(site(id).version()).isEqualTo(5);
  }

  @Test
  void onlyTheOwnerMayUpdateOrDestroyAndTransferHandsThatOver() {
    ObjectId id = create(alice, "s");
    ok(alice, update(id, puts(resource("/index.html"))));
    aborts(bob, update(id, puts(resource("/evil.html"))), SiteErrors.NOT_OWNER);
    aborts(bob, new Operation.DestroySite(id), SiteErrors.NOT_OWNER);
    assertThat(sites().resource(id, "/evil.html")).isEmpty();

    ok(alice, new Operation.TransferObject(id, bob.publicKey().toAddress()));
    assertThat(site(id).ownerAddress()).isEqualTo(bob.publicKey().toAddress());
    assertThat(sites().ownedBy(alice.publicKey().toAddress(), 10)).isEmpty();
    assertThat(sites().ownedBy(bob.publicKey().toAddress(), 10)).extracting(Site::id).containsExactly(id);
    aborts(alice, update(id, puts(resource("/x"))), SiteErrors.NOT_OWNER);
    ok(bob, update(id, puts(resource("/x"))));
    assertThat(site(id).resourceCount()).isEqualTo(2);
  }

  @Test
  void unknownSitesAndOtherObjectsAbortAsUnknownSites() {
    ObjectId nowhere = ObjectId.of(new byte[32]);
    aborts(alice, update(nowhere, puts(resource("/x"))), SiteErrors.NOT_FOUND);
    aborts(alice, new Operation.DestroySite(nowhere), SiteErrors.NOT_FOUND);
    // A Storage object is an object, but not a site.
    // A Storage object of alice's, put in place directly: this test network has no capacity to reserve.
    ObjectId storage = ObjectId.of(Sites.sha256("storage"));
    net.state.services().objects().put(new StorageResource(storage, alice.publicKey().toAddress(), 0, 5, 1000));
    net.state.store().updateDigest();
    net.state.store().journal().commit();
    aborts(alice, update(storage, puts(resource("/x"))), SiteErrors.NOT_FOUND);
    aborts(alice, new Operation.DestroySite(storage), SiteErrors.NOT_FOUND);
    assertThat(net.state.services().objects().find(storage)).isNotNull();
  }

  @Test
  void destroyRemovesEverythingInOneTransaction() {
    ObjectId id = create(alice, "s");
    ObjectId other = create(alice, "other");
    ok(alice, update(other, puts(resource("/keep"))));
    ok(alice, update(id, new SiteDiff(List.of(), List.of(resource("/a"), resource("/b"), resource("/c/d")),
        Optional.of(List.of(new SiteRoute("/*", "/a"))), Optional.of(List.of(new SiteRedirect("/r", "/a", 302))),
        Optional.empty(), Optional.empty())));
    TransactionEffects e = ok(alice, new Operation.DestroySite(id));
    assertThat(events(e)).containsExactly(new LedgerEvent.SiteDestroyed(id));
    assertThat(e.deleted()).containsExactly(id);
    assertThat(sites().find(id)).isEmpty();
    assertThat(net.state.services().objects().find(id)).isNull();
    assertThat(sites().resources(id, null, 1000)).isEmpty();
    assertThat(sites().routes(id)).isEmpty();
    assertThat(sites().redirects(id)).isEmpty();
    // The neighbour is untouched; the destroyed site is gone for good.
    assertThat(sites().resources(other, null, 1000)).extracting(SiteResource::path).containsExactly("/keep");
    aborts(alice, update(id, puts(resource("/a"))), SiteErrors.NOT_FOUND);
    assertThat(sites().ownedBy(alice.publicKey().toAddress(), 10)).extracting(Site::id).containsExactly(other);
  }

  @Test
  void aDiffWithOneBadEntryChangesNothing() {
    ObjectId id = create(alice, "s");
    ok(alice, update(id, puts(resource("/a"), resource("/b"))));
    byte[] digest = net.state.stateDigest();
    Site before = site(id);
    // Valid deletes and puts, then a put with a bad path: nothing of it may land.
    aborts(alice, update(id, new SiteDiff(List.of("/a"), List.of(resource("/c"), resource("/../etc/passwd")),
        Optional.of(List.of()), Optional.empty(), Optional.empty(), Optional.of("x"))), SiteErrors.INVALID_PATH);
    // Deleting a path the site does not hold: found only while applying, after earlier changes.
    aborts(alice, update(id, new SiteDiff(List.of("/b", "/missing"), List.of(resource("/c")), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty())), SiteErrors.NO_SUCH_RESOURCE);
    assertThat(site(id)).isEqualTo(before);
    assertThat(sites().resources(id, null, 10)).extracting(SiteResource::path).containsExactly("/a", "/b");
    // Only the fees and sequence numbers changed: the site tables hash as before.
    assertThat(net.state.store().recomputeDigest()).isEqualTo(net.state.stateDigest());
    assertThat(digest).isNotEqualTo(net.state.stateDigest());
  }

  @Test
  void theStateRootCoversSitesAndSnapshotsKeepThem() {
    ObjectId id = create(alice, "s");
    LedgerState copy = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    // A second replica applies the same blocks from here.
    net.executeWith((time, txs) -> {
      BlockResult mine = net.state.applyBlock(time, txs);
      BlockResult theirs = copy.applyBlock(time, txs);
      assertThat(theirs.stateDigest()).isEqualTo(mine.stateDigest());
      assertThat(theirs.blockRoot()).isEqualTo(mine.blockRoot());
      return mine;
    });
    byte[] before = net.state.stateDigest();
    ok(alice, update(id, new SiteDiff(List.of(), List.of(resource("/index.html"), resource("/é/ü")),
        Optional.of(List.of(new SiteRoute("/*", "/index.html"))),
        Optional.of(List.of(new SiteRedirect("/old", "/index.html", 308))), Optional.empty(), Optional.empty())));
    assertThat(net.state.stateDigest()).isNotEqualTo(before);
    assertThat(net.state.stateDigest()).isEqualTo(net.state.store().recomputeDigest());

    // Changing one header of one resource changes the root too.
    byte[] withSite = net.state.stateDigest();
    SiteResource r = resource("/index.html");
    ok(alice, update(id, puts(new SiteResource(r.path(), List.of(), r.blobId(), r.blobHash(), r.quiltPatch(), r.range()))));
    assertThat(net.state.stateDigest()).isNotEqualTo(withSite);

    LedgerState restored = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    assertThat(restored.stateDigest()).isEqualTo(net.state.stateDigest());
    assertThat(restored.sites().find(id)).contains(site(id));
    assertThat(restored.sites().resources(id, null, 10)).extracting(SiteResource::path).containsExactly("/index.html", "/é/ü");
    assertThat(restored.sites().routes(id)).isEqualTo(sites().routes(id));
    assertThat(restored.sites().redirects(id)).isEqualTo(sites().redirects(id));
  }

  @Test
  void listingIsInUtf8ByteOrderAndPagesAfterAPath() {
    ObjectId id = create(alice, "s");
    // UTF-16 puts U+FF5E before U+1F600 (a surrogate pair); UTF-8 bytes put it after.
    ok(alice, update(id, puts(resource("/\uD83D\uDE00"), resource("/\uFF5E"), resource("/a"), resource("/a/b"),
        resource("/a-b"), resource("/"))));
    assertThat(sites().resources(id, null, 100)).extracting(SiteResource::path)
        .containsExactly("/", "/a", "/a-b", "/a/b", "/\uFF5E", "/\uD83D\uDE00");
    assertThat(sites().resources(id, "/a", 2)).extracting(SiteResource::path).containsExactly("/a-b", "/a/b");
    assertThat(sites().resources(id, "/\uD83D\uDE00", 2)).isEmpty();
    assertThat(sites().resources(id, "/0", 1)).extracting(SiteResource::path).containsExactly("/a");
  }
}
