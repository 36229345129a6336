package dev.walrus.explorer;

import static dev.walrus.explorer.Html.code;
import static dev.walrus.explorer.Html.text;

import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.StakingView;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.SystemInfoView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /}: the network at a glance — epoch and time left, committee, shards, capacity, prices,
 * the WAL supply split, blobs stored — from {@code /v1/system}, {@code /v1/staking}, {@code
 * /v1/genesis}, the faucet's account and the explorer's event feed.
 */
final class NetworkPage {
  private NetworkPage() {}

  /**
   * The WAL supply: {@code staked} in pools this epoch, the {@code faucet}'s balance, {@code
   * burned} (from the events seen), and the {@code rest} (accounts, the storage fund, pending).
   */
  record Supply(long total, long staked, long faucet, long burned, long rest) {}

  /** Blobs stored, from the event feed ({@code eventsSeen} of {@code eventsOnLedger} so far). */
  record Blobs(long stored, long bytes, long certifiedEver, boolean complete, long eventsSeen, long eventsOnLedger) {}

  record Network(String networkName, long height, long nowMs, SystemInfoView.EpochInfo epoch,
      SystemInfoView.StorageInfo storage, SystemInfoView.PriceInfo prices, SystemInfoView.SizeInfo sizes,
      Supply supply, Blobs blobs, List<EpochHistory.Epoch> history) {}

  static View view(LedgerReads ledger, EventFeed feed) {
    SystemInfoView system = ledger.read(c -> c.system());
    StakingView staking = ledger.read(c -> c.staking());
    GenesisConfig genesis = ledger.read(c -> c.genesis());
    StatusView status = ledger.read(c -> c.status());
    long faucet = ledger.read(c -> c.account(genesis.faucet())).balance();
    long staked = staking.pools().stream().mapToLong(StakingView.Pool::stake).sum();
    EventFeed.Snapshot events = feed.snapshot();
    long rest = GenesisConfig.TOTAL_SUPPLY - staked - faucet - events.burned();
    Network n = new Network(system.networkName(), system.height(), System.currentTimeMillis(), system.epochInfo(),
        system.storageInfo(), system.priceInfo(), system.sizeInfo(),
        new Supply(GenesisConfig.TOTAL_SUPPLY, staked, faucet, events.burned(), rest),
        new Blobs(events.blobs().blobs(), events.blobs().bytes(), events.blobs().certifiedEver(),
            events.blobs().complete(), events.nextSequence(), status.nextEventSequence()),
        events.history());
    return View.ok("Network " + n.networkName(), render(n), n);
  }

  static String render(Network n) {
    StringBuilder b = new StringBuilder(Html.heading("Network " + n.networkName()));
    b.append(Html.section("Epoch", epoch(n)));
    b.append(Html.section("Storage", Html.facts(List.of(
        new String[] {"Committee", "<span id=\"committee-size\">" + n.storage().nNodes() + "</span> storage nodes "
            + "(" + Html.link("/nodes", "see them") + ")"},
        new String[] {"Shards", String.valueOf(n.storage().nShards())},
        new String[] {"Capacity", capacity(n.storage())},
        new String[] {"Largest blob", n.sizes().maxBlobSize() == null ? "—" : Units.bytes(n.sizes().maxBlobSize())},
        new String[] {"Storage price", Units.wal(n.prices().storagePricePerUnitSize()) + " per MiB per epoch"},
        new String[] {"Write price", Units.wal(n.prices().writePricePerUnitSize()) + " per MiB"}))));
    b.append(Html.section("Blobs", blobs(n.blobs())));
    b.append(Html.section("WAL supply", supply(n.supply())));
    b.append(history(n.history()));
    return b.toString();
  }

  private static String epoch(Network n) {
    SystemInfoView.EpochInfo e = n.epoch();
    StringBuilder b = new StringBuilder(Html.facts(List.of(
        new String[] {"Epoch", "<span id=\"epoch\">" + e.currentEpoch() + "</span>"},
        new String[] {"Phase", text(phase(e.epochState()))},
        new String[] {"Epoch length", Units.duration(e.currentEpoch() == 0 ? e.epochZeroDurationMs() : e.epochDurationMs())},
        new String[] {"Ledger height", String.valueOf(n.height())})));
    if (e.epochStartMs() != null && e.epochChangeMs() != null && e.epochChangeMs() > e.epochStartMs()) {
      long total = e.epochChangeMs() - e.epochStartMs();
      long done = Math.min(total, Math.max(0, n.nowMs() - e.epochStartMs()));
      b.append(Html.progress(done, total, Units.duration(total - done) + " left until epoch "
          + (e.currentEpoch() + 1)));
    } else if (e.epochChangeMs() == null) {
      b.append(Html.paragraph("The epoch change is waiting for the nodes to sync their shards."));
    }
    return b.toString();
  }

  private static String phase(String state) {
    return switch (state) {
      case "EpochChangeDone" -> "storing (epoch change done)";
      case "NextParamsSelected" -> "next committee selected";
      case "EpochChangeSync" -> "epoch change: nodes syncing shards";
      default -> state;
    };
  }

  private static String capacity(SystemInfoView.StorageInfo s) {
    if (s.totalCapacitySize() == null) {
      return "not reported by the ledger";
    }
    long used = s.usedCapacitySize() == null ? 0 : s.usedCapacitySize();
    return Units.bytes(used) + " used of " + Units.bytes(s.totalCapacitySize())
        + Html.progress(used, s.totalCapacitySize(), used * 100 / Math.max(1, s.totalCapacitySize()) + " % used");
  }

  private static String blobs(Blobs b) {
    String caveat = b.eventsSeen() < b.eventsOnLedger()
        ? Html.paragraph("Counted from the event stream: " + b.eventsSeen() + " of " + b.eventsOnLedger()
            + " events read so far.")
        : "";
    if (!b.complete()) {
      caveat += Html.paragraph("More blobs are registered than the explorer tracks: the figures are a lower bound.");
    }
    return Html.facts(List.of(
        new String[] {"Stored now", "<span id=\"blobs-stored\">" + b.stored() + "</span> blobs, " + Units.bytes(b.bytes())
            + " unencoded"},
        new String[] {"Certified since genesis", String.valueOf(b.certifiedEver())})) + caveat;
  }

  private static String supply(Supply s) {
    return Html.facts(List.of(
        new String[] {"Total", Units.wal(s.total())},
        new String[] {"Staked with storage nodes", Units.wal(s.staked()) + share(s.staked(), s.total())},
        new String[] {"Faucet", Units.wal(s.faucet()) + share(s.faucet(), s.total())},
        new String[] {"Burned", Units.wal(s.burned()) + share(s.burned(), s.total())},
        new String[] {"Elsewhere", Units.wal(s.rest()) + share(s.rest(), s.total())
            + " <small>(accounts, the storage fund, stake not yet active)</small>"}));
  }

  private static String share(long part, long total) {
    return String.format(" <small>(%.2f %%)</small>", total == 0 ? 0.0 : part * 100.0 / total);
  }

  private static String history(List<EpochHistory.Epoch> epochs) {
    if (epochs.size() < 2) {
      return "";
    }
    List<Long> blobs = new ArrayList<>();
    List<Long> rewards = new ArrayList<>();
    List<Long> burned = new ArrayList<>();
    for (EpochHistory.Epoch e : epochs) {
      blobs.add(e.blobsCertified());
      rewards.add(e.rewards());
      burned.add(e.burned());
    }
    String range = "epochs " + epochs.getFirst().epoch() + "–" + epochs.getLast().epoch();
    return Html.section("Over epochs", Html.facts(List.of(
        new String[] {"Blobs certified", Html.sparkline(blobs, "blobs certified per epoch, " + range)},
        new String[] {"Rewards paid", Html.sparkline(rewards, "rewards paid per epoch, " + range)},
        new String[] {"WAL burned", Html.sparkline(burned, "WAL burned per epoch, " + range)}))
        + Html.paragraph("From the events the explorer read, " + code(range) + "."));
  }
}
