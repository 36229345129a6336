package dev.walrus.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log: reads from memory and disk, segments, sealing, restart truncation, damage. */
class EventLogTest {
  @TempDir Path dir;

  private static List<EventEnvelope> events(long from, int n) {
    List<EventEnvelope> out = new ArrayList<>();
    for (long s = from; s < from + n; s++) {
      out.add(new EventEnvelope(s, s / 3, 1000 + s, new byte[32],
          new LedgerEvent.WalTransferred(Address.of(new byte[32]), Address.of(new byte[32]), s + 1)));
    }
    return out;
  }

  private static List<Long> sequences(List<EventEnvelope> es) {
    return es.stream().map(EventEnvelope::sequence).toList();
  }

  @Test
  void readsAcrossSegmentsFromDiskAndMemory() throws IOException {
    // Tiny segments and a ring of 10: most reads come from disk, across files.
    try (EventLog log = EventLog.open(dir, 0, 1500, 10)) {
      for (int b = 0; b < 30; b++) {
        log.append(events(b * 10L, 10));
      }
      assertThat(log.next()).isEqualTo(300);
      assertThat(sequences(log.read(0, 1000))).containsExactlyElementsOf(LongStream.range(0, 300).boxed().toList());
      assertThat(sequences(log.read(137, 5))).containsExactly(137L, 138L, 139L, 140L, 141L);
      assertThat(sequences(log.read(295, 50))).containsExactly(295L, 296L, 297L, 298L, 299L);
      assertThat(log.read(300, 10)).isEmpty();
      assertThat(log.read(77, 1).get(0).event()).isEqualTo(events(77, 1).get(0).event());
    }
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isGreaterThan(3);
    }
  }

  @Test
  void reopeningCutsBackToTheSnapshotAndRefusesGaps() throws IOException {
    List<Path> sealed;
    try (EventLog log = EventLog.open(dir, 0, 1 << 20, 100)) {
      log.append(events(0, 50));
      sealed = log.seal();
      log.append(events(50, 30));
    }
    assertThat(sealed).hasSize(1);
    // The snapshot counted 50 events: the 30 after it are dropped (the Raft log replays them).
    try (EventLog log = EventLog.open(dir, 50, 1 << 20, 100)) {
      assertThat(log.next()).isEqualTo(50);
      assertThat(log.sealedFilesUpTo(50)).containsExactlyElementsOf(sealed);
      log.append(events(50, 5));
      assertThat(sequences(log.read(48, 10))).containsExactly(48L, 49L, 50L, 51L, 52L, 53L, 54L);
      assertThatThrownBy(() -> log.append(events(60, 1))).isInstanceOf(IllegalStateException.class);
    }
    // A state that counts more events than the log has: refuse to start rather than lose events.
    assertThatThrownBy(() -> EventLog.open(dir, 100, 1 << 20, 100))
        .isInstanceOf(IOException.class).hasMessageContaining("missing");
  }

  @Test
  void aTornTailIsCutAndTheLogContinues() throws IOException {
    try (EventLog log = EventLog.open(dir, 0, 1 << 20, 100)) {
      log.append(events(0, 20));
    }
    Path segment;
    try (var files = Files.list(dir)) {
      segment = files.findFirst().orElseThrow();
    }
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 7);
    }
    try (EventLog log = EventLog.open(dir, 19, 1 << 20, 100)) {
      assertThat(log.next()).isEqualTo(19);
      assertThat(sequences(log.read(0, 100))).hasSize(19);
    }
  }

  @Test
  void waitersWakeOnAppendAndOnClose() throws Exception {
    EventLog log = EventLog.open(dir, 0, 1 << 20, 100);
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      log.append(events(0, 1));
    });
    assertThat(log.await(0, 5_000)).isTrue();
    t.join();
    assertThat(log.await(1, 50)).isFalse();
    Thread closer = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(100);
        log.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long start = System.nanoTime();
    assertThat(log.await(1, 10_000)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    closer.join();
  }
}
