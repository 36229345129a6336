package dev.walrus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.client.FakeNetwork.Behaviour;
import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.Quilt;
import dev.walrus.core.quilt.QuiltEncoder;
import dev.walrus.core.quilt.QuiltException;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.core.quilt.QuiltPatch;
import dev.walrus.core.quilt.QuiltPatchId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Quilt reads against in-memory nodes (10 shards on 4 nodes): only the index's and the wanted
 * patches' secondary slivers are fetched; a sliver that cannot be had, or that fails verification,
 * makes the reader read the quilt whole instead.
 */
class QuiltReaderTest {
  private static final List<QuiltFile> FILES = List.of(
      QuiltFile.of("a.txt", Map.of("kind", "text"), "alpha".getBytes()),
      QuiltFile.of("b.bin", Map.of("kind", "binary"), bytes(3000, 1)),
      QuiltFile.of("c.txt", Map.of("kind", "text", "lang", "en"), "gamma".getBytes()),
      QuiltFile.of("d.bin", bytes(200, 2)));
  private static final Quilt QUILT = new QuiltEncoder(EncodingConfig.forShards(10)).encode(FILES);

  private final FakeNetwork net = new FakeNetwork(QUILT.bytes(), 3, 3, 2, 2);
  private final BlobId quiltId = net.blob.blobId();
  private final AtomicInteger wholeReads = new AtomicInteger();
  private final QuiltReader reader = new QuiltReader(net, () -> net.committee, new BlobReader(net, 4), id -> {
    wholeReads.incrementAndGet();
    BlobReader.Fetched f = new BlobReader(net, 4).fetch(net.committee, id);
    return new BlobDecoder(f.config()).decode(f.metadata(), f.slivers(), ConsistencyCheck.STRICT);
  });

  private QuiltPatch patch(String identifier) {
    return QUILT.index().byIdentifier(identifier).orElseThrow();
  }

  private QuiltFile file(String identifier) {
    return FILES.stream().filter(f -> f.identifier().equals(identifier)).findFirst().orElseThrow();
  }

  @Test
  void patchIdReadsFetchOnlyThePatchColumns() {
    QuiltPatch b = patch("b.bin");
    assertThat(b.columnCount()).isGreaterThan(1);
    assertThat(reader.patch(new QuiltPatchId(quiltId, b.internalId()))).isEqualTo(file("b.bin"));
    assertThat(net.sliverRequests.get()).isEqualTo(b.columnCount());
    assertThat(wholeReads.get()).isZero();
  }

  @Test
  void identifierAndTagReadsFetchTheIndexThenThePatches() {
    int indexColumns = QUILT.index().patches().getFirst().startIndex();
    assertThat(reader.files(quiltId, List.of("c.txt", "a.txt"))).containsExactly(file("a.txt"), file("c.txt"));
    assertThat(net.sliverRequests.get()).isEqualTo(indexColumns + 2);
    assertThat(reader.byTag(quiltId, "kind", "text")).containsExactly(file("a.txt"), file("c.txt"));
    assertThat(reader.byTag(quiltId, "kind", "none")).isEmpty();
    assertThat(reader.all(quiltId)).containsExactlyElementsOf(QUILT.files());
    QuiltMetadata listing = reader.metadata(quiltId);
    assertThat(listing.index()).isEqualTo(QUILT.index());
    assertThat(listing.patches()).extracting(StoredQuiltPatch::identifier).containsExactly("a.txt", "b.bin", "c.txt", "d.bin");
    assertThat(wholeReads.get()).isZero();
  }

  @Test
  void unreachableColumnFallsBackToAWholeRead() {
    QuiltPatch c = patch("c.txt");
    net.set(holderOf(c.startIndex()), Behaviour.DOWN);
    assertThat(reader.patch(new QuiltPatchId(quiltId, c.internalId()))).isEqualTo(file("c.txt"));
    assertThat(wholeReads.get()).isEqualTo(1);
  }

  @Test
  void corruptedColumnFallsBackToAWholeRead() {
    net.set(holderOf(0), Behaviour.CORRUPT_SLIVERS);
    assertThat(reader.files(quiltId, List.of("d.bin"))).containsExactly(file("d.bin"));
    assertThat(wholeReads.get()).isEqualTo(1);
  }

  @Test
  void missingIdentifiersAndRangesOutsideTheQuilt() {
    assertThatThrownBy(() -> reader.files(quiltId, List.of("a.txt", "nope", "zzz")))
        .isInstanceOfSatisfying(QuiltException.class, e -> {
          assertThat(e.reason()).isEqualTo(QuiltException.Reason.PATCH_NOT_FOUND);
          assertThat(e).hasMessageContaining("nope, zzz");
        });
    int requests = net.sliverRequests.get();
    assertThatThrownBy(() -> reader.patch(new QuiltPatchId(quiltId, 6, 60))).isInstanceOfSatisfying(QuiltException.class,
        e -> assertThat(e.reason()).isEqualTo(QuiltException.Reason.PATCH_NOT_FOUND));
    assertThat(net.sliverRequests.get()).isEqualTo(requests);
  }

  @Test
  void unknownQuiltIsNotFound() {
    for (int i = 0; i < 4; i++) {
      net.set(i, Behaviour.NOT_FOUND);
    }
    assertThatThrownBy(() -> reader.metadata(quiltId)).isInstanceOf(BlobNotFoundException.class);
  }

  /** The node holding secondary sliver {@code column}. */
  private int holderOf(int column) {
    int n = net.config.nShards();
    int shard = quiltId.shardForPair(n - 1 - column, n);
    for (int i = 0; i < net.committee.members().size(); i++) {
      if (net.committee.members().get(i).shards().contains(shard)) {
        return i;
      }
    }
    throw new AssertionError("no holder of shard " + shard);
  }

  private static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }
}
