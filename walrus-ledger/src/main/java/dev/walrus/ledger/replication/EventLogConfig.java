package dev.walrus.ledger.replication;

/**
 * The event log's sizes: {@code segmentBytes} per file before a new one starts, and {@code
 * memoryEvents} most recent events kept in memory for subscribers near the head. Zero means
 * "default" (64 MiB, 65 536 events).
 */
public record EventLogConfig(long segmentBytes, int memoryEvents) {
  public static final EventLogConfig DEFAULT = new EventLogConfig(0, 0);

  public EventLogConfig {
    segmentBytes = segmentBytes > 0 ? segmentBytes : 64L << 20;
    memoryEvents = memoryEvents > 0 ? memoryEvents : 65_536;
  }
}
