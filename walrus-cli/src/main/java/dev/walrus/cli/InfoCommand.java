package dev.walrus.cli;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.client.LedgerClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code walrus info [all|epoch|storage|size|price|committee|bft]}: the system parameters, in the
 * layout of Walrus's {@code walrus info} and with its subcommands, as far as the ledger offers them.
 * Without a subcommand it prints every section but the committee; {@code all} adds the committee.
 * {@code --json}: the ledger's {@code /v1/system} view, or for {@code committee} its committee view.
 */
@Command(name = "info", description = "Print the network's parameters: epoch, shards, sizes, prices.",
    subcommands = {InfoCommand.All.class, InfoCommand.Epoch.class, InfoCommand.Storage.class,
        InfoCommand.Size.class, InfoCommand.Price.class, InfoCommand.Committee.class, InfoBftCommand.class})
final class InfoCommand extends LedgerVerb {

  /** The parts of the information, in the order {@code info} prints them. */
  enum Section {
    EPOCH, STORAGE, SIZE, PRICE, LEDGER, COMMITTEE
  }

  @Override
  public Integer call() throws Exception {
    return print(this, ledger, java.util.EnumSet.complementOf(java.util.EnumSet.of(Section.COMMITTEE)));
  }

  /** A subcommand printing some sections, with the ledger named before or after it. */
  @Command
  abstract static class Part extends LedgerVerb {
    @picocli.CommandLine.ParentCommand InfoCommand parent;

    abstract java.util.Set<Section> sections();

    @Override
    public Integer call() throws Exception {
      return print(this, ledger.orElse(parent.ledger), sections());
    }
  }

  @Command(name = "all", description = "Every section, the committee included.")
  static final class All extends Part {
    @Override
    java.util.Set<Section> sections() {
      return java.util.EnumSet.allOf(Section.class);
    }
  }

  @Command(name = "epoch", description = "The current epoch, its times and the longest storage period.")
  static final class Epoch extends Part {
    @Override
    java.util.Set<Section> sections() {
      return java.util.EnumSet.of(Section.EPOCH);
    }
  }

  @Command(name = "storage", description = "The number of storage nodes and shards.")
  static final class Storage extends Part {
    @Override
    java.util.Set<Section> sections() {
      return java.util.EnumSet.of(Section.STORAGE);
    }
  }

  @Command(name = "size", description = "The largest blob and the storage unit.")
  static final class Size extends Part {
    @Override
    java.util.Set<Section> sections() {
      return java.util.EnumSet.of(Section.SIZE);
    }
  }

  @Command(name = "price", description = "Storage and write prices, and the ledger's fee.")
  static final class Price extends Part {
    @Override
    java.util.Set<Section> sections() {
      return java.util.EnumSet.of(Section.PRICE, Section.LEDGER);
    }
  }

  @Command(name = "committee", description = "The current committee: each node, its shards and stake.")
  static final class Committee extends Part {
    @Override
    java.util.Set<Section> sections() {
      return java.util.EnumSet.of(Section.COMMITTEE);
    }
  }

  private static int print(LedgerVerb verb, LedgerOptions ledger, java.util.Set<Section> sections) throws Exception {
    SystemInfoView s;
    CommitteeView committee = null;
    try (LedgerClient client = ledger.client()) {
      s = client.system();
      if (sections.contains(Section.COMMITTEE)) {
        committee = client.committee();
      }
    }
    if (verb.json()) {
      Json.print(verb.out(), sections.equals(java.util.EnumSet.of(Section.COMMITTEE)) ? committee : s);
      return 0;
    }
    PrintWriter o = verb.out();
    Terminal t = verb.terminal();
    o.println(t.teal("Walrus system information") + " (ledger network '" + s.networkName() + "', height "
        + s.height() + ")");
    if (sections.contains(Section.EPOCH)) {
      o.println();
      o.println(t.teal("Epochs and storage duration"));
      o.println("Current epoch: " + s.epochInfo().currentEpoch());
      if (s.epochInfo().epochStartMs() != null) {
        long start = s.epochInfo().epochStartMs();
        o.println("Start time: " + utc(start));
        o.println("End time: " + utc(start + s.epochInfo().epochDurationMs()));
      } else {
        o.println("Epoch change is currently in progress (" + s.epochInfo().epochState() + ").");
      }
      o.println("Epoch duration: " + duration(s.epochInfo().epochDurationMs()));
      o.println("Blobs can be stored for at most " + s.epochInfo().maxEpochsAhead() + " epochs in the future.");
    }
    if (sections.contains(Section.STORAGE)) {
      o.println();
      o.println(t.teal("Storage nodes"));
      o.println("Number of storage nodes: " + s.storageInfo().nNodes());
      o.println("Number of shards: " + s.storageInfo().nShards());
    }
    if (sections.contains(Section.SIZE)) {
      o.println();
      o.println(t.teal("Blob size"));
      if (s.sizeInfo().maxBlobSize() != null) {
        o.println("Maximum blob size: " + bytes(s.sizeInfo().maxBlobSize()) + " ("
            + String.format(Locale.ROOT, "%,d", s.sizeInfo().maxBlobSize()) + " B)");
      }
      o.println("Storage unit: " + bytes(s.sizeInfo().storageUnitSize()));
    }
    if (sections.contains(Section.PRICE)) {
      o.println();
      o.println(t.teal("Storage prices per epoch"));
      o.println("(Conversion rate: 1 WAL = " + String.format(Locale.ROOT, "%,d", s.ledgerInfo().frostPerWal())
          + " FROST)");
      o.println("Price per encoded storage unit: " + frost(s.priceInfo().storagePricePerUnitSize()));
      o.println("Additional price for each write: " + frost(s.priceInfo().writePricePerUnitSize()));
    }
    if (sections.contains(Section.LEDGER)) {
      o.println();
      o.println(t.teal("Ledger"));
      o.println("Transaction fee: " + frost(s.ledgerInfo().transactionFee()));
      o.println("Faucet: " + (s.ledgerInfo().faucetEnabled()
          ? "up to " + Amounts.wal(s.ledgerInfo().faucetMaxPerRequest()) + " per request" : "none"));
    }
    if (committee != null) {
      o.println();
      o.println(t.teal("Committee of epoch " + committee.epoch()) + " (" + committee.members().size() + " nodes, "
          + committee.nShards() + " shards)");
      for (CommitteeView.Member m : committee.members()) {
        o.println(m.name() + "  " + m.nodeId() + "  " + m.networkAddress() + "  shards: " + m.shards().size()
            + (m.stake() != null ? "  stake: " + Amounts.wal(m.stake()) : ""));
      }
    }
    return 0;
  }

  private static final java.time.format.DateTimeFormatter UTC_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  /** Like Walrus's (chrono) display of a UTC time. */
  static String utc(long ms) {
    return UTC_TIME.format(java.time.Instant.ofEpochMilli(ms));
  }

  private static String frost(long v) {
    return String.format(Locale.ROOT, "%,d FROST", v);
  }

  /** {@code 14days}, {@code 1h}, {@code 90s}: Walrus's humantime style, largest exact unit. */
  static String duration(long ms) {
    Duration d = Duration.ofMillis(ms);
    if (ms % 86_400_000 == 0) {
      return d.toDays() + "days";
    }
    if (ms % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (ms % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    return ms % 1000 == 0 ? d.toSeconds() + "s" : ms + "ms";
  }

  static String bytes(long b) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? b + " B" : String.format(Locale.ROOT, "%.2f %s", v, units[u]);
  }
}
