package dev.walrus.core.bcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BcsRecordsTest {
  sealed interface Shape {}

  @Bcs.Variant(0)
  record Circle(@Bcs.U16 int radius) implements Shape {}

  @Bcs.Variant(5)
  record Polygon(List<Integer> corners, Optional<String> name) implements Shape {}

  record Drawing(Address owner, ObjectId id, Shape shape, SortedMap<Integer, Long> weights, boolean done, byte[] raw, long size) {}

  record Checked(int value) {
    Checked {
      if (value > 100) {
        throw new IllegalArgumentException("too big");
      }
    }
  }

  private static final Address OWNER = Address.of(filled(1));
  private static final ObjectId ID = ObjectId.of(filled(2));

  @Test
  void encodesFieldsInOrderWithExplicitVariantTags() {
    TreeMap<Integer, Long> weights = new TreeMap<>();
    weights.put(3, 9L);
    Drawing d = new Drawing(OWNER, ID, new Circle(513), weights, true, new byte[] {7}, 258);
    byte[] bcs = BcsRecords.encode(d);
    String hex = HexFormat.of().formatHex(bcs);
    assertThat(hex).isEqualTo(
        "01".repeat(32) + "02".repeat(32)
            + "00" + "0102" // Circle: variant 0, u16 513
            + "01" + "03000000" + "0900000000000000" // map of one entry
            + "01" // true
            + "0107" // Vec<u8> [7]
            + "0201000000000000"); // u64 258
    Drawing back = BcsRecords.decode(Drawing.class, bcs);
    assertThat(back.shape()).isEqualTo(d.shape());
    assertThat(back.weights()).isEqualTo(weights);
    assertThat(back.raw()).containsExactly(7);
  }

  @Test
  void sealedValuesCarryTheirTagOnlyWhenEncodedAsTheInterface() {
    Polygon p = new Polygon(List.of(1, 2), Optional.of("tri"));
    byte[] asShape = BcsRecords.encode(Shape.class, p);
    assertThat(asShape[0]).isEqualTo((byte) 5);
    assertThat(BcsRecords.decode(Shape.class, asShape)).isEqualTo(p);
    assertThat(BcsRecords.encode(p)).isEqualTo(Arrays.copyOfRange(asShape, 1, asShape.length));
  }

  @Test
  void decodingIsStrict() {
    assertThatThrownBy(() -> BcsRecords.decode(Shape.class, new byte[] {1, 0, 0}))
        .isInstanceOf(BcsException.class).hasMessageContaining("variant");
    assertThatThrownBy(() -> BcsRecords.decode(Circle.class, new byte[] {1, 0, 9}))
        .isInstanceOf(BcsException.class).hasMessageContaining("trailing");
    assertThatThrownBy(() -> BcsRecords.decode(Checked.class, new byte[] {(byte) 200, 0, 0, 0}))
        .isInstanceOf(BcsException.class).hasMessageContaining("too big");
    assertThatThrownBy(() -> BcsRecords.encode(new Circle(70000))).isInstanceOf(BcsException.class);
    byte[] unsortedMap = {2, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
    record M(SortedMap<Integer, Long> m) {}
    assertThatThrownBy(() -> BcsRecords.decode(M.class, unsortedMap))
        .isInstanceOf(BcsException.class).hasMessageContaining("increasing");
    record U(long v) {}
    byte[] huge = {-1, -1, -1, -1, -1, -1, -1, -1};
    assertThatThrownBy(() -> BcsRecords.decode(U.class, huge)).isInstanceOf(BcsException.class);
    assertThatThrownBy(() -> BcsRecords.encode(new U(-1))).isInstanceOf(BcsException.class);
  }

  private static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }
}
