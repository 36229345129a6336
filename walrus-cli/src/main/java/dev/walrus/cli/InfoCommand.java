package dev.walrus.cli;

import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.client.LedgerClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code walrus info}: the system parameters, in the layout of Walrus's {@code walrus info}, as far
 * as the ledger offers them ({@code --json}: the ledger's {@code /v1/system} view).
 */
@Command(name = "info", description = "Print the network's parameters: epoch, shards, sizes, prices.")
final class InfoCommand extends LedgerVerb {

  @Override
  public Integer call() throws Exception {
    SystemInfoView s;
    try (LedgerClient client = ledger.client()) {
      s = client.system();
    }
    if (json()) {
      Json.print(out(), s);
      return 0;
    }
    PrintWriter o = out();
    o.println(terminal().teal("Walrus system information") + " (ledger network '" + s.networkName() + "', height "
        + s.height() + ")");
    o.println();
    o.println(terminal().teal("Epochs and storage duration"));
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
    o.println();
    o.println(terminal().teal("Storage nodes"));
    o.println("Number of storage nodes: " + s.storageInfo().nNodes());
    o.println("Number of shards: " + s.storageInfo().nShards());
    o.println();
    o.println(terminal().teal("Blob size"));
    if (s.sizeInfo().maxBlobSize() != null) {
      o.println("Maximum blob size: " + bytes(s.sizeInfo().maxBlobSize()) + " ("
          + String.format(Locale.ROOT, "%,d", s.sizeInfo().maxBlobSize()) + " B)");
    }
    o.println("Storage unit: " + bytes(s.sizeInfo().storageUnitSize()));
    o.println();
    o.println(terminal().teal("Storage prices per epoch"));
    o.println("(Conversion rate: 1 WAL = " + String.format(Locale.ROOT, "%,d", s.ledgerInfo().frostPerWal()) + " FROST)");
    o.println("Price per encoded storage unit: " + frost(s.priceInfo().storagePricePerUnitSize()));
    o.println("Additional price for each write: " + frost(s.priceInfo().writePricePerUnitSize()));
    o.println();
    o.println(terminal().teal("Ledger"));
    o.println("Transaction fee: " + frost(s.ledgerInfo().transactionFee()));
    o.println("Faucet: " + (s.ledgerInfo().faucetEnabled()
        ? "up to " + Amounts.wal(s.ledgerInfo().faucetMaxPerRequest()) + " per request" : "none"));
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
