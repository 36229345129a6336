package dev.walrus.ledger.state.sites;

import static dev.walrus.ledger.state.sites.Sites.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.LedgerTestNetwork;
import dev.walrus.ledger.api.Operation;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A site at its largest: {@link SiteLimits#MAX_RESOURCES} resources filled in diffs of {@link
 * SiteLimits#MAX_DIFF_ENTRIES}, one more refused, a replacement still allowed, and the whole site
 * destroyed in one transaction, leaving the site tables empty and the digest consistent.
 */
class SiteCapacityTest {
  final Ed25519KeyPair alice = LedgerTestNetwork.key(1);
  final LedgerTestNetwork net = new LedgerTestNetwork(10, 60_000, alice);

  static SiteDiff putsOf(List<SiteResource> puts) {
    return new SiteDiff(List.of(), puts, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void aFullSiteRefusesOneMoreAndIsDestroyedInOneTransaction() {
    ObjectId site = net.run(alice, Sites.create("big")).created().getFirst();
    int diffs = SiteLimits.MAX_RESOURCES / SiteLimits.MAX_DIFF_ENTRIES;
    for (int d = 0; d < diffs; d++) {
      int base = d * SiteLimits.MAX_DIFF_ENTRIES;
      List<SiteResource> puts = IntStream.range(base, base + SiteLimits.MAX_DIFF_ENTRIES)
          .mapToObj(i -> resource(String.format("/docs/%06d.html", i), "x")).toList();
      assertThat(net.run(alice, update(site, putsOf(puts))).succeeded()).as("diff %d", d).isTrue();
    }
    assertThat(net.state.sites().find(site).orElseThrow().resourceCount()).isEqualTo(SiteLimits.MAX_RESOURCES);

    TransactionEffects more = net.run(alice, update(site, puts(resource("/one-more.html"))));
    assertThat(more.abort().code()).isEqualTo(SiteErrors.TOO_MANY_RESOURCES);
    TransactionEffects swap = net.run(alice, update(site, new SiteDiff(List.of("/docs/000000.html"),
        List.of(resource("/one-more.html"), resource("/docs/000001.html", "changed")), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty())));
    assertThat(swap.succeeded()).as(String.valueOf(swap.abort())).isTrue();
    assertThat(net.state.sites().find(site).orElseThrow().resourceCount()).isEqualTo(SiteLimits.MAX_RESOURCES);

    LedgerState replica = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    long start = System.nanoTime();
    TransactionEffects destroyed = net.run(alice, new Operation.DestroySite(site));
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("DestroySite of %d resources: one block in %d ms%n", SiteLimits.MAX_RESOURCES, ms);
    assertThat(destroyed.succeeded()).isTrue();
    assertThat(net.state.sites().resources(site, null, 10)).isEmpty();
    assertThat(net.state.stateDigest()).isEqualTo(net.state.store().recomputeDigest());
    // A replica restored before the destroy holds all of it.
    assertThat(replica.sites().resources(site, null, 1000)).hasSize(1000);
    assertThat(replica.sites().find(site).orElseThrow().resourceCount()).isEqualTo(SiteLimits.MAX_RESOURCES);
  }
}
