package dev.walrus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
  private static final String TEXT =
      "0xd77a6cd55073e98d4029b1b0b8bd8d88f45f343dad2732fc9a7965094e635c55";

  @Test
  void parsesAndPrintsTheCanonicalForm() {
    Address a = Address.parse(TEXT);
    assertThat(a.toString()).isEqualTo(TEXT);
    assertThat(a.bytes()).isEqualTo(HexFormat.of().parseHex(TEXT.substring(2)));
    assertThat(Address.of(a.bytes())).isEqualTo(a).hasSameHashCodeAs(a);
  }

  @Test
  void acceptsUpperCaseAndPrintsLowerCase() {
    Address a = Address.parse("0X" + TEXT.substring(2).toUpperCase());
    assertThat(a.toString()).isEqualTo(TEXT);
  }

  @Test
  void ordersUnsignedByteWise() {
    Address low = Address.parse("0x7f" + "00".repeat(31));
    Address high = Address.parse("0x80" + "00".repeat(31));
    assertThat(low).isLessThan(high);
    assertThat(high.compareTo(low)).isPositive();
    assertThat(low.compareTo(Address.of(low.bytes()))).isZero();
  }

  @Test
  void bytesAreCopied() {
    byte[] raw = new byte[32];
    Address a = Address.of(raw);
    raw[0] = 1;
    a.bytes()[1] = 1;
    assertThat(a.bytes()).containsOnly(0);
  }

  static Stream<String> malformedText() {
    String digits = TEXT.substring(2);
    return Stream.of(
        "",
        "0x",
        "0x2",
        digits,
        "0x" + digits.substring(1),
        TEXT + "0",
        "1x" + digits,
        "0x" + "g" + digits.substring(1),
        "0x" + " " + digits.substring(1),
        // U+0663 ARABIC-INDIC DIGIT THREE: a Unicode digit, not a hex digit
        "0x" + "\u0663" + digits.substring(1),
        // U+FF21 FULLWIDTH LATIN CAPITAL LETTER A, which Character.digit reads as 10
        "0x" + "\uFF21" + digits.substring(1));
  }

  @ParameterizedTest
  @NullSource
  @MethodSource("malformedText")
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> Address.parse(text)).isInstanceOf(InvalidAddressException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void rejectsWrongLengths(int length) {
    assertThatThrownBy(() -> Address.of(new byte[length]))
        .isInstanceOf(InvalidAddressException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void isNotEqualToAnObjectIdWithTheSameBytes() {
    Address a = Address.parse(TEXT);
    assertThat(a).isNotEqualTo(ObjectId.of(a.bytes()));
  }
}
