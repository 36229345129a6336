package dev.walrus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.client.FakeNetwork.Behaviour;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.ConsistencyCheck;
import org.junit.jupiter.api.Test;

/**
 * The reader against nodes that fail or lie: 10 shards on 4 nodes (f = 3, 4 primary slivers
 * decode, quorum 7).
 */
class BlobReaderTest {
  private static final byte[] DATA = FakeNetwork.random(50_000, 5);

  private static byte[] read(FakeNetwork net) {
    BlobReader.Fetched f = new BlobReader(net, 4).fetch(net.committee, net.blob.blobId());
    return new BlobDecoder(f.config()).decode(f.metadata(), f.slivers(), ConsistencyCheck.DEFAULT);
  }

  @Test
  void honestNodesReadBackWithNoMoreRequestsThanNeeded() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    assertThat(read(net)).isEqualTo(DATA);
    // 4 primary slivers needed, at most 4 requests in flight: exactly 4 asked.
    assertThat(net.sliverRequests.get()).isEqualTo(4);
  }

  @Test
  void corruptedSliversAreRejectedAndOthersUsed() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(0, Behaviour.CORRUPT_SLIVERS);
    net.set(1, Behaviour.CORRUPT_SLIVERS);
    // Four honest shards on nodes 2 and 3 are exactly enough.
    assertThat(read(net)).isEqualTo(DATA);
  }

  @Test
  void tooManyCorruptedSliversFailWithoutReturningWrongData() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(0, Behaviour.CORRUPT_SLIVERS);
    net.set(1, Behaviour.CORRUPT_SLIVERS);
    net.set(2, Behaviour.CORRUPT_SLIVERS);
    assertThatThrownBy(() -> read(net)).isInstanceOf(BlobUnavailableException.class)
        .hasMessageContaining("primary");
  }

  @Test
  void metadataThatDoesNotMatchTheBlobIdIsSkipped() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(0, Behaviour.WRONG_METADATA);
    net.set(1, Behaviour.WRONG_METADATA);
    net.set(2, Behaviour.WRONG_METADATA);
    assertThat(read(net)).isEqualTo(DATA);
  }

  @Test
  void noVerifyingMetadataIsUnavailable() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    for (int i = 0; i < 4; i++) {
      net.set(i, Behaviour.WRONG_METADATA);
    }
    assertThatThrownBy(() -> read(net)).isInstanceOf(BlobUnavailableException.class);
  }

  @Test
  void nodesDownUpToFShardsStillRead() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(0, Behaviour.DOWN);
    assertThat(read(net)).isEqualTo(DATA);
  }

  @Test
  void fallsBackToSecondarySliversWhenPrimariesAreMissing() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    // 8 shards (nodes 0, 1, 2) fail primary requests: 2 primaries left, 4 needed; secondaries: 7 of 10 needed.
    net.set(0, Behaviour.NO_PRIMARY);
    net.set(1, Behaviour.NO_PRIMARY);
    net.set(2, Behaviour.NO_PRIMARY);
    BlobReader.Fetched f = new BlobReader(net, 4).fetch(net.committee, net.blob.blobId());
    assertThat(f.slivers()).allMatch(s -> s.type() == SliverType.SECONDARY);
    assertThat(new BlobDecoder(f.config()).decode(f.metadata(), f.slivers(), ConsistencyCheck.STRICT)).isEqualTo(DATA);
  }

  @Test
  void notFoundNeedsAQuorumOfDenials() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    // 6 shards deny, 4 are down: below the quorum of 7, so not proof of absence.
    net.set(0, Behaviour.NOT_FOUND);
    net.set(1, Behaviour.NOT_FOUND);
    net.set(2, Behaviour.DOWN);
    net.set(3, Behaviour.DOWN);
    assertThatThrownBy(() -> read(net)).isInstanceOf(BlobUnavailableException.class);
    net.set(2, Behaviour.NOT_FOUND);
    assertThatThrownBy(() -> read(net)).isInstanceOf(BlobNotFoundException.class);
  }

  @Test
  void emptyBlobReads() {
    FakeNetwork net = new FakeNetwork(new byte[0], 3, 3, 2, 2);
    net.set(3, Behaviour.CORRUPT_SLIVERS);
    assertThat(read(net)).isEmpty();
  }
}
