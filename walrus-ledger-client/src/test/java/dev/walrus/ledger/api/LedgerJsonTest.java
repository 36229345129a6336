package dev.walrus.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PrivateKey;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The shared JSON form of ledger types: text forms, polymorphic events and operations, round trips. */
class LedgerJsonTest {
  private static final Ed25519KeyPair KEY = Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(new byte[32]));

  @Test
  void eventsCarryTheirTypeAndRoundTrip() {
    Address a = KEY.publicKey().toAddress();
    EventEnvelope e = new EventEnvelope(5, 3, 1000, new byte[32], new LedgerEvent.WalTransferred(a, a, 7));
    String json = LedgerJson.mapper().writeValueAsString(e);
    JsonNode tree = LedgerJson.mapper().readTree(json);
    assertThat(tree.get("event").get("type").asString()).isEqualTo("WalTransferred");
    assertThat(tree.get("event").get("from").asString()).isEqualTo(a.toString());
    assertThat(tree.get("txDigest").asString()).isEqualTo("00".repeat(32));
    EventEnvelope back = LedgerJson.mapper().readValue(json, EventEnvelope.class);
    assertThat(back.event()).isEqualTo(e.event());
    assertThat(back.sequence()).isEqualTo(5);
  }

  @Test
  void effectsGenesisAndOperationsRoundTrip() {
    TransactionEffects fx = new TransactionEffects(new byte[32], TransactionEffects.Status.ABORTED, 9, 1,
        List.of(ObjectId.of(new byte[32])), List.of(), List.of(), new TransactionEffects.Abort("staking", 3, "no stake"), null);
    TransactionEffects back = LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(fx), TransactionEffects.class);
    assertThat(back.abort()).isEqualTo(fx.abort());
    assertThat(back.created()).isEqualTo(fx.created());
    assertThat(LedgerJson.mapper().writeValueAsString(fx)).doesNotContain("rejection");

    TreeMap<Address, Long> alloc = new TreeMap<>();
    alloc.put(KEY.publicKey().toAddress(), 5L);
    GenesisConfig g = new GenesisConfig("n", 1, 10, 2, 3, 4, 5, 6, true, 7, Address.of(new byte[32]), alloc);
    assertThat(LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(g), GenesisConfig.class)).isEqualTo(g);

    Operation op = new Operation.UpdateNodeInfo(ObjectId.of(new byte[32]), Optional.of("n"), Optional.empty(),
        Optional.of(new byte[33]));
    Operation opBack = LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(op), Operation.class);
    assertThat(opBack).isInstanceOf(Operation.UpdateNodeInfo.class);
    assertThat(((Operation.UpdateNodeInfo) opBack).name()).contains("n");
    BlobId blob = BlobId.of(new byte[32]);
    assertThat(LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(blob), BlobId.class)).isEqualTo(blob);
  }

  @Test
  void malformedValuesAreJsonErrors() {
    assertThatThrownBy(() -> LedgerJson.mapper().readValue("\"0x12\"", Address.class))
        .isInstanceOf(JacksonException.class).hasMessageContaining("invalid Address");
    assertThatThrownBy(() -> LedgerJson.mapper().readValue("{\"type\":\"Nope\"}", LedgerEvent.class))
        .isInstanceOf(JacksonException.class);
  }
}
