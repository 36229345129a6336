package dev.walrus.node.challenge;

import java.util.ArrayDeque;

/**
 * How fast recovery rebuilt slivers lately: a running count sampled at every poll, over at most
 * the last {@link #SPAN_MS} (and {@link #MAX_SAMPLES} samples). Not thread-safe: the poll thread
 * owns it.
 */
final class RepairPace {
  static final long SPAN_MS = 60_000;
  static final int MAX_SAMPLES = 128;

  private record Sample(long atMs, long repaired) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  /** Records the running count of repaired slivers at {@code nowMs}. */
  void sample(long nowMs, long repaired) {
    samples.addLast(new Sample(nowMs, repaired));
    while (samples.size() > MAX_SAMPLES || samples.size() > 1 && samples.peekFirst().atMs() < nowMs - SPAN_MS) {
      samples.removeFirst();
    }
  }

  /** Slivers per millisecond over the samples kept; 0 until two samples span some time. */
  double perMs() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    long span = last.atMs() - first.atMs();
    return span <= 0 ? 0 : Math.max(0, last.repaired() - first.repaired()) / (double) span;
  }
}
