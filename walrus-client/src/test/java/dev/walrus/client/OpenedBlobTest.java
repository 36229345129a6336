package dev.walrus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.client.FakeNetwork.Behaviour;
import dev.walrus.core.encoding.ConsistencyCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Streaming and ranged reads against fake nodes: 10 shards on 4 nodes, so the blob is 4 rows
 * (systematic primary slivers) of 7 symbols each.
 */
class OpenedBlobTest {
  private static final byte[] DATA = FakeNetwork.random(50_000, 9);

  private static OpenedBlob open(FakeNetwork net) {
    return new OpenedBlob(new BlobReader(net, 8), net.committee, net.blob.metadata());
  }

  private static byte[] stream(FakeNetwork net, ReadOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    open(net).writeTo(out, options);
    return out.toByteArray();
  }

  private static byte[] range(FakeNetwork net, long start, long length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    open(net).writeRange(start, length, out);
    return out.toByteArray();
  }

  private static long rowBytes(FakeNetwork net) {
    return (long) net.config.secondarySymbols() * net.blob.metadata().symbolSize(net.config);
  }

  /** The node that holds primary sliver (row) {@code row}. */
  private static int holderOfRow(FakeNetwork net, int row) {
    int shard = net.blob.blobId().shardForPair(row, net.config.nShards());
    for (int i = 0; i < net.committee.members().size(); i++) {
      if (net.committee.members().get(i).shards().contains(shard)) {
        return i;
      }
    }
    throw new AssertionError("no holder of shard " + shard);
  }

  @Test
  void streamsTheWholeBlobFromTheSystematicSliversOnly() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    assertThat(stream(net, ReadOptions.defaults())).isEqualTo(DATA);
    assertThat(net.sliverRequests.get()).isEqualTo(net.config.primarySymbols());
  }

  @Test
  void aRangeInsideOneRowFetchesOnlyThatRow() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    long row = rowBytes(net);
    assertThat(range(net, row + 10, 100)).isEqualTo(Arrays.copyOfRange(DATA, (int) row + 10, (int) row + 110));
    assertThat(net.sliverRequests.get()).isEqualTo(1);
  }

  @Test
  void aRangeAcrossARowBoundaryFetchesBothRows() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    long row = rowBytes(net);
    assertThat(range(net, row - 5, 10)).isEqualTo(Arrays.copyOfRange(DATA, (int) row - 5, (int) row + 5));
    assertThat(net.sliverRequests.get()).isEqualTo(2);
  }

  @Test
  void randomRangesMatchTheData() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    Random random = new Random(3);
    for (int i = 0; i < 40; i++) {
      int start = random.nextInt(DATA.length);
      int length = 1 + random.nextInt(DATA.length - start);
      assertThat(range(net, start, length)).as("range %d+%d", start, length)
          .isEqualTo(Arrays.copyOfRange(DATA, start, start + length));
    }
    assertThat(range(net, DATA.length - 1, 1)).containsExactly(DATA[DATA.length - 1]);
  }

  @Test
  void aMissingRowIsDecodedFromOtherPrimarySlivers() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(holderOfRow(net, 1), Behaviour.DOWN);
    assertThat(stream(net, ReadOptions.defaults())).isEqualTo(DATA);
    long row = rowBytes(net);
    assertThat(range(net, row + 3, 50)).isEqualTo(Arrays.copyOfRange(DATA, (int) row + 3, (int) row + 53));
  }

  @Test
  void aCorruptRowIsRejectedAndDecoded() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(holderOfRow(net, 0), Behaviour.CORRUPT_SLIVERS);
    assertThat(stream(net, ReadOptions.defaults())).isEqualTo(DATA);
  }

  @Test
  void withTooFewPrimarySliversTheSecondaryOnesAreDecoded() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(0, Behaviour.NO_PRIMARY);
    net.set(1, Behaviour.NO_PRIMARY);
    net.set(2, Behaviour.NO_PRIMARY);
    assertThat(stream(net, ReadOptions.defaults())).isEqualTo(DATA);
    assertThat(range(net, 1000, 20_000)).isEqualTo(Arrays.copyOfRange(DATA, 1000, 21_000));
  }

  @Test
  void tooManyFailuresEndTheStreamWithAnError() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(0, Behaviour.DOWN);
    net.set(1, Behaviour.DOWN);
    net.set(2, Behaviour.DOWN);
    assertThatThrownBy(() -> stream(net, ReadOptions.defaults())).isInstanceOf(BlobUnavailableException.class);
  }

  @Test
  void strictCheckReadsTheWholeBlob() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    assertThat(stream(net, ReadOptions.defaults().withConsistencyCheck(ConsistencyCheck.STRICT))).isEqualTo(DATA);
  }

  @Test
  void rangesOutsideTheBlobAreRefusedBeforeAnyRequest() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    assertThatThrownBy(() -> range(net, 0, 0)).isInstanceOf(InvalidByteRangeException.class);
    assertThatThrownBy(() -> range(net, -1, 5)).isInstanceOf(InvalidByteRangeException.class);
    assertThatThrownBy(() -> range(net, DATA.length - 2, 3)).isInstanceOf(InvalidByteRangeException.class)
        .satisfies(e -> assertThat(((InvalidByteRangeException) e).blobSize()).isEqualTo(DATA.length));
    assertThatThrownBy(() -> range(net, 5, Long.MAX_VALUE)).isInstanceOf(InvalidByteRangeException.class);
    assertThat(net.sliverRequests.get()).isZero();
  }

  /** Large blobs rebuild a missing row from the other nodes' symbols instead of decoding the blob. */
  private static byte[] streamRebuildingRows(FakeNetwork net, ReadOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new OpenedBlob(new BlobReader(net, 8), net.committee, net.blob.metadata(), 0).writeTo(out, options);
    return out.toByteArray();
  }

  @Test
  void aLargeBlobsMissingRowIsRebuiltFromSymbols() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    int down = holderOfRow(net, 1);
    net.set(down, Behaviour.DOWN);
    assertThat(streamRebuildingRows(net, ReadOptions.defaults())).isEqualTo(DATA);
    assertThat(net.symbolRequests.get()).isPositive();
    // Only rows are fetched: no primary slivers beyond the blob's own rows.
    assertThat(net.sliverRequests.get()).isEqualTo(net.config.primarySymbols());
  }

  @Test
  void aLyingSymbolSourceIsOutvotedByProofs() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    int down = holderOfRow(net, 0);
    net.set(down, Behaviour.DOWN);
    int liar = (down + 1) % 4;
    net.set(liar, Behaviour.CORRUPT_SLIVERS);
    // The liar's primary row fails verification too; both rows come back from proven symbols.
    assertThat(streamRebuildingRows(net, ReadOptions.defaults())).isEqualTo(DATA);
  }

  @Test
  void strictCheckOfALargeBlobGoesThroughATemporaryFile() throws IOException {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(holderOfRow(net, 2), Behaviour.DOWN);
    assertThat(streamRebuildingRows(net, ReadOptions.defaults().withConsistencyCheck(ConsistencyCheck.STRICT)))
        .isEqualTo(DATA);
  }

  @Test
  void tooFewSymbolsForARowEndTheStreamWithAnError() {
    FakeNetwork net = new FakeNetwork(DATA, 3, 3, 2, 2);
    net.set(holderOfRow(net, 0), Behaviour.DOWN);
    net.set((holderOfRow(net, 0) + 1) % 4, Behaviour.DOWN);
    assertThatThrownBy(() -> streamRebuildingRows(net, ReadOptions.defaults()))
        .isInstanceOf(BlobUnavailableException.class).hasMessageContaining("rebuild row");
  }

  @Test
  void anEmptyBlobStreamsNothing() throws IOException {
    FakeNetwork net = new FakeNetwork(new byte[0], 3, 3, 2, 2);
    assertThat(stream(net, ReadOptions.defaults())).isEmpty();
    assertThat(open(net).size()).isZero();
  }

}
