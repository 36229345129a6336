package dev.walrus.core.quilt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits and malformed input: each is a {@link QuiltException} with its own reason. */
class QuiltBadInputTest {
  private static final EncodingConfig N7 = EncodingConfig.forShards(7);
  private static final EncodingConfig N4 = EncodingConfig.forShards(4);

  private static void fails(Reason reason, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(QuiltException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static Quilt sample() {
    return new QuiltEncoder(N7).encode(List.of(
        QuiltFile.of("alpha", Map.of("k", "v"), "first file".getBytes()),
        QuiltFile.of("beta", "second".getBytes())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"test", "123test", "_test", "-test", ".test", "test blob", "日本語", "🦭", "a"})
  void acceptsWalrusValidIdentifiers(String identifier) {
    assertThatCode(() -> QuiltIdentifiers.validate(identifier)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "test ", "test\t", "test\n", "test\r", "test   ", "test\u00a0", "test\u3000", "te\bst",
      "\u001btest", "test\u0000", "test\u007f", "test\u0080", "test\u009f", "a\u0085b"})
  void refusesInvalidIdentifiers(String identifier) {
    fails(Reason.INVALID_IDENTIFIER, () -> QuiltFile.of(identifier, new byte[0]));
  }

  @Test
  void identifierLengthLimits() {
    fails(Reason.INVALID_IDENTIFIER, () -> QuiltIdentifiers.validate("x".repeat(65536)));
    QuiltIdentifiers.validate("x".repeat(65535));
    // The identifier's BCS form (3-byte length prefix here) must stay below 65535 bytes.
    fails(Reason.INVALID_IDENTIFIER, () -> new QuiltEncoder(N4).encode(List.of(QuiltFile.of("x".repeat(65532), new byte[1]))));
    Quilt longest = new QuiltEncoder(N4).encode(List.of(QuiltFile.of("x".repeat(65531), new byte[1])));
    assertThat(Quilt.fromBlob(N4, longest.bytes()).file("x".repeat(65531)).size()).isEqualTo(1);
  }

  @Test
  void encoderLimits() {
    fails(Reason.DUPLICATE_IDENTIFIER, () -> new QuiltEncoder(N7).encode(List.of(
        QuiltFile.of("same", new byte[1]), QuiltFile.of("other", new byte[1]), QuiltFile.of("same", new byte[2]))));
    List<QuiltFile> many = new ArrayList<>();
    for (int i = 0; i <= QuiltFormat.maxPatches(N7); i++) {
      many.add(QuiltFile.of("f" + i, new byte[1]));
    }
    fails(Reason.TOO_MANY_PATCHES, () -> new QuiltEncoder(N7).encode(many));
    assertThatCode(() -> new QuiltEncoder(N7).encode(many.subList(0, QuiltFormat.maxPatches(N7)))).doesNotThrowAnyException();
    fails(Reason.TOO_LARGE, () -> new QuiltEncoder(N4).encode(List.of(QuiltFile.of("big", new byte[2 * 65534 * 2]))));
    fails(Reason.TOO_LARGE, () -> new QuiltEncoder(N7).encode(List.of(
        QuiltFile.of("tagged", Map.of("k", "v".repeat(70_000)), new byte[1]))));
  }

  @Test
  void emptyQuiltHasOnlyAnIndex() {
    Quilt empty = new QuiltEncoder(N4).encode(List.of());
    assertThat(Quilt.fromBlob(N4, empty.bytes()).index().patches()).isEmpty();
  }

  /** Walrus's own symbol-size cases (quilt_encoding.rs, test_quilt_find_min_length). */
  @Test
  void symbolSizeMatchesWalrusCases() {
    fails(Reason.TOO_MANY_PATCHES, () -> QuiltFormat.symbolSize(new long[] {2, 1, 2, 1}, 3, 3, 1));
    assertThat(QuiltFormat.symbolSize(new long[] {1000, 1, 1}, 4, 7, 2)).isEqualTo(72);
    assertThat(QuiltFormat.symbolSize(new long[] {1}, 3, 2, 1)).isEqualTo(4);
    assertThat(QuiltFormat.symbolSize(new long[] {115, 80, 4}, 17, 9, 3)).isEqualTo(6);
    assertThat(QuiltFormat.symbolSize(new long[] {20, 20, 20}, 3, 5, 2)).isEqualTo(4);
    assertThat(QuiltFormat.symbolSize(new long[] {5, 5, 5}, 5, 1, 1)).isEqualTo(6);
    assertThat(QuiltFormat.symbolSize(new long[] {25, 35, 45}, 200, 1, 3)).isEqualTo(10);
    assertThat(QuiltFormat.symbolSize(new long[] {10, 0, 0, 0}, 17, 9, 2)).isEqualTo(2);
    long[] many = {416, 253, 258, 384, 492, 303, 276, 464, 143, 251, 388, 263, 515, 433, 505, 385, 346, 69, 48, 495, 329,
        450, 494, 104, 539, 245, 109, 317, 60};
    assertThat(QuiltFormat.symbolSize(many, 34, 16, 3)).isEqualTo(32);
  }

  @Test
  void blobsThatAreNotQuilts() {
    fails(Reason.NOT_A_QUILT, () -> Quilt.fromBlob(N7, new byte[0]));
    fails(Reason.NOT_A_QUILT, () -> Quilt.fromBlob(N7, new byte[3 * 5 * 2 + 1]));
    fails(Reason.UNSUPPORTED_VERSION, () -> Quilt.fromBlob(N7, new byte[3 * 5 * 2 * 4]));
  }

  @Test
  void badIndexVersionSizeAndBcs() {
    Quilt q = sample();
    fails(Reason.UNSUPPORTED_VERSION, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, 0, 0, new byte[] {2})));
    // A length beyond ten columns, and one beyond the bytes actually written.
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, 0, 1, u32(10L * q.columnSize()))));
    int bcsLength = q.index().toBcs().length;
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, 0, 1, u32(bcsLength - 1))));
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, 0, 1, u32(bcsLength + 1))));
    // A patch count larger than the bytes hold.
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, 0, 5, new byte[] {(byte) 0x7f})));
  }

  @Test
  void indexRangesAndTagOrderAreChecked() {
    Quilt q = sample();
    QuiltPatch alpha = q.index().patches().get(0);
    QuiltPatch beta = q.index().patches().get(1);
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, withIndex(q, List.of(
        new QuiltPatch("alpha", alpha.tags(), 0, alpha.endIndex()), new QuiltPatch("beta", Map.of(), 0, 99)).reversed())));
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, withIndex(q, List.of(
        new QuiltPatch("alpha", Map.of(), 0, beta.endIndex()), new QuiltPatch("beta", Map.of(), 0, beta.endIndex())))));
    // Tags "aa" before "b": sorted as strings, but BCS orders by serialized key (shorter first).
    BcsWriter w = new BcsWriter().uleb128(1).u16(alpha.endIndex()).string("alpha")
        .uleb128(2).string("aa").string("1").string("b").string("2");
    fails(Reason.MALFORMED_INDEX, () -> Quilt.fromBlob(N7, withIndexBcs(q, w.toByteArray())));
    BcsWriter canonical = new BcsWriter().uleb128(1).u16(alpha.endIndex()).string("alpha")
        .uleb128(2).string("b").string("2").string("aa").string("1");
    assertThat(Quilt.fromBlob(N7, withIndexBcs(q, canonical.toByteArray())).index().patches().getFirst().tags())
        .containsEntry("aa", "1").containsEntry("b", "2");
  }

  @Test
  void badPatchHeaders() {
    Quilt q = sample();
    QuiltPatch alpha = q.index().patches().get(0);
    int start = alpha.startIndex();
    fails(Reason.UNSUPPORTED_VERSION, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 0, new byte[] {0})).patch(alpha));
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 1, u32(0xFFFF_FFFFL))).patch(alpha));
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 1, u32(3))).patch(alpha));
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 6, new byte[] {(byte) 0xff, 0x7f})).patch(alpha));
    // Identifier bytes: invalid UTF-8, a control character, and a BCS length that disagrees.
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 9, new byte[] {(byte) 0xc3})).patch(alpha));
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 9, new byte[] {7})).patch(alpha));
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, 8, new byte[] {4})).patch(alpha));
    // Tags that are not a BCS map.
    int tagsAt = 6 + 2 + 6;
    fails(Reason.MALFORMED_PATCH, () -> Quilt.fromBlob(N7, QuiltFixtures.patchStream(q, start, tagsAt + 2, new byte[] {9})).patch(alpha));
  }

  @Test
  void patchLookupsOutsideTheQuilt() {
    Quilt q = sample();
    fails(Reason.PATCH_NOT_FOUND, () -> q.file("gamma"));
    fails(Reason.PATCH_NOT_FOUND, () -> q.patch(new QuiltPatchId.Internal(4, 99)));
    // A range that starts at the index is read as a patch and found malformed.
    fails(Reason.MALFORMED_PATCH, () -> q.patch(new QuiltPatchId.Internal(0, 1)));
  }

  @Test
  void patchIds() {
    BlobId quiltId = BlobId.of(new byte[32]);
    QuiltPatchId id = new QuiltPatchId(quiltId, 3, 7);
    assertThat(id.toString()).hasSize(50);
    assertThat(QuiltPatchId.parse(id.toString())).isEqualTo(id);
    assertThat(Arrays.copyOfRange(id.toBytes(), 32, 37)).containsExactly(1, 3, 0, 7, 0);
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.parse(null));
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.parse(quiltId.toString()));
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.parse(id.toString().replace('A', '+')));
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.parse(id.toString().substring(0, 49) + "B"));
    byte[] bytes = id.toBytes();
    bytes[32] = 2;
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.parse(text(bytes)));
    bytes[32] = 1;
    bytes[35] = 3;
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.parse(text(bytes)));
    fails(Reason.INVALID_PATCH_ID, () -> QuiltPatchId.Internal.fromBytes(new byte[4]));
    fails(Reason.INVALID_PATCH_ID, () -> new QuiltPatchId.Internal(5, 5));
  }

  @Test
  void columnsReportWhatIsMissing() {
    Quilt q = sample();
    EncodedBlob blob = new BlobEncoder(N7).encode(q.bytes());
    QuiltColumns columns = new QuiltColumns(N7);
    assertThatThrownBy(columns::index).isInstanceOfSatisfying(MissingColumnsException.class,
        e -> assertThat(e.columns()).containsExactly(0));
    columns.add(blob.secondarySliver(0));
    QuiltPatch beta = q.index().patches().get(1);
    assertThatThrownBy(() -> columns.patch(beta)).isInstanceOfSatisfying(MissingColumnsException.class,
        e -> assertThat(e.columns()).containsExactly(beta.startIndex()));
    fails(Reason.PATCH_NOT_FOUND, () -> columns.patch(new QuiltPatchId.Internal(3, 99)));
    assertThatThrownBy(() -> columns.add(blob.primarySliver(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> columns.add(blob.secondarySliver(N7.secondarySymbols()))).isInstanceOf(IllegalArgumentException.class);
    fails(Reason.NOT_A_QUILT, () -> columns.add(SliverData.of(SliverType.SECONDARY, 1, 2, new byte[4])));
  }

  private static byte[] u32(long v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  private static String text(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] withIndex(Quilt q, List<QuiltPatch> patches) {
    return withIndexBcs(q, new QuiltIndex(patches).toBcs());
  }

  /** The quilt with another index of the same BCS length (the columns stay where they are). */
  private static byte[] withIndexBcs(Quilt q, byte[] bcs) {
    byte[] stream = new byte[5 + bcs.length];
    stream[0] = 1;
    System.arraycopy(u32(bcs.length), 0, stream, 1, 4);
    System.arraycopy(bcs, 0, stream, 5, bcs.length);
    assertThat((long) stream.length).isLessThanOrEqualTo((long) q.index().patches().getFirst().startIndex() * q.columnSize());
    return QuiltFixtures.patchStream(q, 0, 0, stream);
  }
}
