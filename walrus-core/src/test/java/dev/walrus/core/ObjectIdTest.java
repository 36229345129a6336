package dev.walrus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectIdTest {
  @Test
  void roundTripsText() {
    String text = "0x" + "0123456789abcdef".repeat(4);
    ObjectId id = ObjectId.parse(text.toUpperCase().replace("0X", "0x"));
    assertThat(id.toString()).isEqualTo(text);
    assertThat(ObjectId.of(id.bytes())).isEqualTo(id);
    byte[] out = new byte[40];
    id.copyTo(out, 8);
    assertThat(out).endsWith(id.bytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x6", "0x" + "zz", "six", "0x0123456789abcdef"})
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> ObjectId.parse(text))
        .isInstanceOf(InvalidObjectIdException.class)
        .hasMessageContaining("object ID");
  }

  @Test
  void rejectsWrongLength() {
    assertThatThrownBy(() -> ObjectId.of(new byte[20]))
        .isInstanceOf(InvalidObjectIdException.class);
  }
}
