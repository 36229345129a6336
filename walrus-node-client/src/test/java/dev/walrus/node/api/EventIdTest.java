package dev.walrus.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventIdTest {

  @Test
  void base58KnownAnswers() {
    assertThat(Base58.encode("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
    assertThat(Base58.encode(new byte[32])).isEqualTo("1".repeat(32));
    assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
    assertThat(Base58.decode("112")).containsExactly(0, 0, 1);
    assertThat(Base58.encode(new byte[0])).isEmpty();
    // The OpenAPI example digest of Walrus's EventID is 32 bytes.
    assertThat(Base58.decode("EhtoQF9UpPyg5PsPUs69LdkcRrjQ3R4cTsHnwxZVTNrC")).hasSize(32);
    assertThatThrownBy(() -> Base58.decode("0OIl")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void base58RoundTrips() {
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      if (b.length > 0 && random.nextBoolean()) {
        b[0] = 0;
      }
      assertThat(Base58.decode(Base58.encode(b))).containsExactly(b);
    }
  }

  @Test
  void jsonHasTheSequenceAsAString() {
    EventId id = EventId.of(new byte[32], 42);
    assertThat(id.toJson()).isEqualTo("{\"txDigest\":\"11111111111111111111111111111111\",\"eventSeq\":\"42\"}");
    assertThat(EventId.fromJson(id.toJson())).isEqualTo(id);
    assertThat(id.txDigestBytes()).isEqualTo(new byte[32]);
    assertThat(EventId.fromJson("{\"txDigest\":\"EhtoQF9UpPyg5PsPUs69LdkcRrjQ3R4cTsHnwxZVTNrC\",\"eventSeq\":\"0\"}").eventSeq())
        .isZero();
  }

  @Test
  void rejectsMalformedEventIds() {
    String digest = "EhtoQF9UpPyg5PsPUs69LdkcRrjQ3R4cTsHnwxZVTNrC";
    for (String bad : new String[] {
        "{\"txDigest\":\"" + digest + "\",\"eventSeq\":0}",
        "{\"txDigest\":\"" + digest + "\",\"eventSeq\":\"-1\"}",
        "{\"txDigest\":\"" + digest + "\",\"eventSeq\":\"01\"}",
        "{\"txDigest\":\"" + digest + "\",\"eventSeq\":\"18446744073709551615\"}",
        "{\"txDigest\":\"" + digest + "\"}",
        "{\"txDigest\":\"StV1DL6CwTryKyV\",\"eventSeq\":\"1\"}",
        "{\"txDigest\":\"0x00\",\"eventSeq\":\"1\"}",
        "[]"}) {
      assertThatThrownBy(() -> EventId.fromJson(bad)).as(bad).isInstanceOf(ApiFormatException.class);
    }
    assertThatThrownBy(() -> EventId.of(new byte[31], 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
