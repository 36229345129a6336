package dev.walrus.cli;

import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.BlobStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code walrus blob-status --blob-id ID | --file F}: the blob's status as the committee reports
 * it (protocol.md §4.3), with Walrus's text, or its JSON {@code {"blobId", "file"?, "status",
 * "estimatedExpiryTimestamp"?}}.
 */
@Command(name = "blob-status", description = "Print a blob's status: nonexistent, deletable, permanent or invalid.")
final class BlobStatusCommand extends BlobVerb {
  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--blob-id", paramLabel = "BLOB_ID", description = "The blob ID.")
    String blobId;

    @Option(names = "--file", paramLabel = "FILE", description = "A file whose blob ID is computed for this network.")
    Path file;
  }

  @Option(names = "--timeout", defaultValue = "1s", paramLabel = "DURATION",
      description = "Timeout of each status request to a storage node (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    long timeoutMs = LedgerCommand.durationMs(timeout);
    if (timeoutMs <= 0) {
      throw new CliException("--timeout must be positive");
    }
    try (LedgerClient ledgerClient = ledger.client();
        WalrusClient client = readClient(ledgerClient, Duration.ofMillis(timeoutMs))) {
      BlobId id = target.file != null ? blobIdOfFile(ledgerClient, target.file) : blobId(target.blobId);
      BlobStatus status = client.blobStatus(id);
      Instant expiry = status instanceof BlobStatus.Permanent p ? expiry(ledgerClient.system(), p.endEpoch()) : null;
      if (json()) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("blobId", id.toString());
        if (target.file != null) {
          o.put("file", target.file.toString());
        }
        o.set("status", BlobStatus.toJsonNode(status));
        if (expiry != null) {
          o.put("estimatedExpiryTimestamp", expiry.toString());
        }
        Json.print(out(), o);
      } else {
        print(id, status, expiry);
      }
    }
    return 0;
  }

  /**
   * When epoch {@code endEpoch} should start: the current epoch's start (the ledger's time while an
   * epoch change is under way) plus whole epoch durations; {@code null} if it is not ahead.
   */
  private static Instant expiry(SystemInfoView system, int endEpoch) {
    SystemInfoView.EpochInfo e = system.epochInfo();
    if (endEpoch <= e.currentEpoch()) {
      return null;
    }
    long start = e.epochStartMs() != null ? e.epochStartMs() : system.timeMs();
    return Instant.ofEpochMilli(start + e.epochDurationMs() * (endEpoch - e.currentEpoch()));
  }

  private void print(BlobId id, BlobStatus status, Instant expiry) {
    PrintWriter o = out();
    String blob = target.file != null ? id + " (file: " + target.file + ")" : id.toString();
    switch (status) {
      case BlobStatus.Nonexistent n -> o.println("Blob ID " + blob + " is not stored on Walrus.");
      case BlobStatus.Invalid i -> o.println("Blob ID " + blob + " is invalid.");
      case BlobStatus.Deletable d -> {
        o.println("Blob ID " + blob + " is registered on Walrus, but only in one or more deletable Blob objects:");
        o.println("Total number of certified objects: " + d.deletableCounts().countDeletableCertified() + " (of "
            + d.deletableCounts().countDeletableTotal() + " registered"
            + (d.initialCertifiedEpoch() != null ? ", initially certified in epoch " + d.initialCertifiedEpoch() : "")
            + ")");
      }
      case BlobStatus.Permanent p -> {
        o.println("There is a " + (p.isCertified() ? "certified" : "registered") + " permanent Blob object for blob ID "
            + blob + ".");
        o.println("Expiry epoch: " + p.endEpoch());
        if (expiry != null) {
          o.println("Estimated expiry timestamp: " + expiry);
        }
        o.println("Related event: " + StoreOutput.event(p.statusEvent()));
        if (p.initialCertifiedEpoch() != null) {
          o.println("Initially certified in epoch: " + p.initialCertifiedEpoch());
        }
        long certified = p.deletableCounts().countDeletableCertified();
        if (certified == 1) {
          o.println("There is also 1 certified deletable Blob object for this blob ID.");
        } else if (certified > 1) {
          o.println("There are also " + certified + " certified deletable Blob objects for this blob ID.");
        }
      }
    }
  }
}
