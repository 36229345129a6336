package dev.walrus.daemon;

import java.time.Duration;
import java.util.Objects;

/**
 * The publisher's optional background renewal of the blobs its wallet owns: every {@code interval}
 * each certified blob whose end epoch is at most {@code within} epochs away is extended by {@code
 * epochs} epochs, until {@code budgetFrost} is spent.
 *
 * @param within renew blobs expiring within this many epochs (≥ 1)
 * @param epochs epochs added to each renewed blob (≥ 1)
 * @param budgetFrost the most the renewal may spend, storage and fees together, over the daemon's
 *     life; a batch is only sent if its storage cost fits in what is left, so fees may overrun the
 *     budget by at most one transaction's fee
 * @param interval how often the wallet's blobs are checked
 */
public record RenewalSettings(int within, int epochs, long budgetFrost, Duration interval) {
  public RenewalSettings {
    Objects.requireNonNull(interval, "interval");
    if (within < 1 || epochs < 1) {
      throw new IllegalArgumentException("auto-extend needs at least 1 epoch to look ahead and 1 epoch to add");
    }
    if (budgetFrost < 1) {
      throw new IllegalArgumentException("the auto-extend budget must be positive");
    }
    if (interval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("the auto-extend interval must be at least 100 ms, not " + interval);
    }
  }
}
