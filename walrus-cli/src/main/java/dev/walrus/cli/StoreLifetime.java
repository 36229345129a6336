package dev.walrus.cli;

import dev.walrus.ledger.api.SystemInfoView;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * How long {@code walrus store} keeps blobs: exactly one of {@code --epochs N|max}, {@code
 * --end-epoch E} or {@code --earliest-expiry-time T}, turned into epochs ahead of the current one
 * as Walrus does.
 */
final class StoreLifetime {
  @Option(names = "--epochs", paramLabel = "N|max",
      description = "Epochs to store for, counting the current one, or 'max' for the network's maximum.")
  String epochs;

  @Option(names = "--end-epoch", paramLabel = "EPOCH",
      description = "The first epoch in which the blobs are no longer stored (exclusive).")
  Integer endEpoch;

  @Option(names = "--earliest-expiry-time", paramLabel = "TIME",
      description = "Store at least until this time (RFC 3339, e.g. 2030-01-01T00:00:00Z; without a zone: UTC),"
          + " estimated from the epoch duration.")
  String earliestExpiryTime;

  /** Epochs ahead, checked against the network's maximum. */
  int epochsAhead(SystemInfoView system) {
    SystemInfoView.EpochInfo info = system.epochInfo();
    int max = info.maxEpochsAhead();
    int current = info.currentEpoch();
    long ahead;
    if (epochs != null) {
      ahead = epochs.equals("max") ? max : epochCount(epochs);
    } else if (endEpoch != null) {
      if (endEpoch <= current) {
        throw new CliException("--end-epoch " + endEpoch + " must be greater than the current epoch " + current);
      }
      ahead = (long) endEpoch - current;
    } else {
      ahead = untilExpiry(info, system.timeMs());
    }
    if (ahead > max) {
      throw new CliException("blobs can only be stored for up to " + max + " epochs ahead; " + ahead
          + " epochs were requested");
    }
    return (int) ahead;
  }

  private static long epochCount(String text) {
    try {
      long n = Long.parseLong(text.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CliException("invalid epoch count '" + text + "': give a number greater than 0 or 'max'");
  }

  /**
   * Walrus's estimate: epochs from the start of the current epoch (the ledger's time while an
   * epoch change is under way) until the expiry time, plus the one in which it falls.
   */
  private long untilExpiry(SystemInfoView.EpochInfo info, long ledgerTimeMs) {
    Instant expiry = parseTime(earliestExpiryTime);
    long start = info.epochStartMs() != null ? info.epochStartMs() : ledgerTimeMs;
    long now = Math.max(System.currentTimeMillis(), ledgerTimeMs);
    if (expiry.toEpochMilli() <= start || expiry.toEpochMilli() <= now) {
      throw new CliException("--earliest-expiry-time " + earliestExpiryTime
          + " must be after the start of the current epoch and the current time");
    }
    return (expiry.toEpochMilli() - start) / info.epochDurationMs() + 1;
  }

  /** RFC 3339 with a zone or offset, or a date and time (with 'T' or a space) taken as UTC. */
  static Instant parseTime(String text) {
    String t = text.trim().replace(' ', 'T');
    try {
      return java.time.OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new CliException("'" + text + "' is not a time in RFC 3339 form, e.g. 2030-01-01T00:00:00Z");
      }
    }
  }
}
