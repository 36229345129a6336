package dev.walrus.node.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverPairMetadata;
import dev.walrus.core.hash.Node;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.node.events.EventApplier;
import dev.walrus.node.state.BlobStates;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore;
import dev.walrus.node.store.StoreOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which blobs a garbage-collection pass deletes, and that it keeps everything still paid for. */
class GarbageCollectorTest {
  private static final int SHARD = 3;

  @TempDir Path dir;
  private NodeStore store;
  private BlobStates blobs;
  private EventApplier applier;
  private final List<BlobId> dropped = new ArrayList<>();
  private GarbageCollector collector;
  private long sequence;

  @BeforeEach
  void open() {
    store = NodeStore.open(dir, StoreOptions.defaults());
    store.createShard(SHARD);
    blobs = new BlobStates(store);
    applier = new EventApplier(store, blobs);
    collector = new GarbageCollector(store, blobs, applier, new byte[] {1, 2, 3}, Duration.ZERO, dropped::add,
        new SimpleMeterRegistry());
  }

  @AfterEach
  void close() {
    collector.close();
    store.close();
  }

  @Test
  void deletesTheDataOfBlobsWhoseObjectsAllEnded() {
    BlobId expired = stored(1, 3);
    BlobId live = stored(2, 5);
    BlobId partlyExpired = stored(3, 3);
    ObjectId longer = object(30);
    apply(new LedgerEvent.BlobRegistered(1, partlyExpired, 100, 0, 6, false, longer));

    apply(new LedgerEvent.EpochChangeStart(3));
    collector.run(3);

    assertThat(hasData(expired)).isFalse();
    assertThat(blobs.get(expired).objects()).isEmpty();
    assertThat(hasData(live)).isTrue();
    assertThat(hasData(partlyExpired)).isTrue();
    assertThat(blobs.get(partlyExpired).objects()).extracting(o -> o.objectId()).containsExactly(longer);
    assertThat(dropped).containsExactly(expired);
    assertThat(collector.completedEpoch()).isEqualTo(3);

    collector.run(5);
    assertThat(hasData(live)).isFalse();
    assertThat(hasData(partlyExpired)).isTrue();
    collector.run(6);
    assertThat(hasData(partlyExpired)).isFalse();
    assertThat(dropped).containsExactly(expired, live, partlyExpired);
  }

  @Test
  void deletesMetadataLeftWithoutAnyObjectButKeepsInvalidMarks() {
    BlobId orphan = TestBlob.id(7);
    try (Batch b = store.batch()) {
      b.putMetadata(orphan, TestBlob.metadata(7));
      b.putSliver(SHARD, orphan, TestBlob.sliver(7));
      b.commit();
    }
    BlobId invalid = stored(8, 9);
    apply(new LedgerEvent.InvalidBlobId(1, invalid));

    collector.run(1);

    assertThat(hasData(orphan)).isFalse();
    assertThat(store.hasSliver(SHARD, SliverType.PRIMARY, orphan)).isFalse();
    assertThat(blobs.get(invalid).isInvalid()).isTrue();
  }

  @Test
  void aBlobRegisteredAgainKeepsItsData() {
    BlobId blob = stored(4, 2);
    apply(new LedgerEvent.EpochChangeStart(2));
    apply(new LedgerEvent.BlobRegistered(2, blob, 100, 0, 8, true, object(41)));
    collector.run(2);
    assertThat(hasData(blob)).isTrue();
    assertThat(blobs.get(blob).objects()).hasSize(1);
    assertThat(dropped).isEmpty();
  }

  @Test
  void aPassInterruptedBeforeCompletionRunsAgainAtStartUp() throws Exception {
    BlobId blob = stored(5, 2);
    apply(new LedgerEvent.EpochChangeStart(2));
    assertThat(collector.completedEpoch()).isEqualTo(-1);
    collector.resume();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (collector.completedEpoch() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(collector.completedEpoch()).isEqualTo(2);
    assertThat(hasData(blob)).isFalse();
  }

  @Test
  void passesOfANetworkSpreadOverTheAllowedDelay() {
    GarbageCollector spread = new GarbageCollector(store, blobs, applier, new byte[] {9}, Duration.ofSeconds(30),
        id -> {}, new SimpleMeterRegistry());
    List<Long> delays = new ArrayList<>();
    for (int epoch = 1; epoch <= 50; epoch++) {
      long d = spread.delay(epoch);
      assertThat(d).isBetween(0L, 30_000L).isEqualTo(spread.delay(epoch));
      delays.add(d);
    }
    assertThat(delays.stream().distinct().count()).isGreaterThan(40);
  }

  /** A registered and certified blob (one object ending at {@code endEpoch}) with metadata and a sliver. */
  private BlobId stored(long n, int endEpoch) {
    BlobId id = TestBlob.id(n);
    ObjectId object = object(n);
    apply(new LedgerEvent.BlobRegistered(1, id, 100, 0, endEpoch, false, object));
    apply(new LedgerEvent.BlobCertified(1, id, endEpoch, false, object, false));
    try (Batch b = store.batch()) {
      b.putMetadata(id, TestBlob.metadata(n));
      b.putSliver(SHARD, id, TestBlob.sliver(n));
      b.commit();
    }
    return id;
  }

  private boolean hasData(BlobId id) {
    return store.hasMetadata(id) || store.hasSliver(SHARD, SliverType.PRIMARY, id);
  }

  private void apply(LedgerEvent event) {
    applier.apply(new EventEnvelope(sequence++, sequence, 0, new byte[32], event));
  }

  private static ObjectId object(long n) {
    byte[] b = new byte[32];
    new SplittableRandom(n + 1000).nextBytes(b);
    return ObjectId.of(b);
  }

  /** Made-up blob data: the store does not check it against anything. */
  private static final class TestBlob {
    static BlobId id(long n) {
      byte[] b = new byte[32];
      new SplittableRandom(n).nextBytes(b);
      return BlobId.of(b);
    }

    static BlobMetadata metadata(long n) {
      List<SliverPairMetadata> hashes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        hashes.add(new SliverPairMetadata(node(n * 8 + i), node(-n * 8 - i)));
      }
      return new BlobMetadata(EncodingType.RS2, 100, hashes);
    }

    private static Node node(long seed) {
      byte[] b = new byte[Node.LENGTH];
      new SplittableRandom(seed).nextBytes(b);
      return Node.digest(b);
    }

    static SliverData sliver(long n) {
      byte[] data = new byte[64];
      new SplittableRandom(n).nextBytes(data);
      return SliverData.of(SliverType.PRIMARY, 0, 2, data);
    }
  }
}
