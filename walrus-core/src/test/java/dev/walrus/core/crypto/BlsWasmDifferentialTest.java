package dev.walrus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.WalrusWasm;
import dev.walrus.core.ObjectId;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.core.messages.ProofOfPossessionMessage;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cross-checks this BLS implementation against Walrus's own: {@code @mysten/walrus-wasm} 0.3.0,
 * fastcrypto's min-pk code compiled to WebAssembly, run under Node by
 * {@code src/test/resources/differential/bls_wasm.mjs}.
 *
 * <p>Needs {@code -Dwalrus.wasm.dir=<dir with node_modules/@mysten/walrus-wasm>} and {@code node}
 * on the PATH (or {@code -Dwalrus.node=<path>}); skipped when the property is unset.
 */
@Tag("differential")
class BlsWasmDifferentialTest {
  private static final long TIMEOUT_SECONDS = 120;
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static WalrusWasm wasm;
  private static Path script;

  @TempDir static Path work;

  @BeforeAll
  static void locateWasm() throws IOException {
    wasm = WalrusWasm.locate(work);
    script = wasm.script("bls_wasm.mjs");
  }

  private static BlsKeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = (byte) (i >>> 8);
    seed[31] = 0x77;
    return BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
  }

  @Test
  void wasmVerifiesJavaSignaturesAndRejectsTamperedOnes() throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    ArrayNode ops = JSON.createArrayNode();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      BlsKeyPair kp = key(i);
      byte[] message = new byte[new int[] {0, 1, 7, 32, 40, 72, 1000, 4096}[i]];
      random.nextBytes(message);
      BlsSignature sig = kp.sign(message);

      ops.add(verify(sig.bytes(), kp.publicKey(), message));
      expected.add("true");

      byte[] otherMessage = message.clone();
      if (otherMessage.length == 0) {
        otherMessage = new byte[] {0};
      } else {
        otherMessage[otherMessage.length - 1] ^= 1;
      }
      ops.add(verify(sig.bytes(), kp.publicKey(), otherMessage));
      expected.add("false");

      ops.add(verify(sig.bytes(), key(100 + i).publicKey(), message));
      expected.add("false");

      ops.add(verify(key(100 + i).sign(message).bytes(), kp.publicKey(), message));
      expected.add("false");
    }
    JsonNode results = run(ops);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(results.get(i).toString())
          .as("operation %d: %s", i, ops.get(i))
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void corruptedSignatureBytesAreRejectedOnBothSides() throws Exception {
    BlsKeyPair kp = key(1);
    byte[] message = "corrupt me".getBytes(StandardCharsets.UTF_8);
    byte[] sig = kp.sign(message).bytes();
    ArrayNode ops = JSON.createArrayNode();
    List<byte[]> corrupted = new ArrayList<>();
    for (int bit : new int[] {0, 5, 7, 8, 100, 400, 767}) {
      byte[] c = sig.clone();
      c[bit / 8] ^= (byte) (1 << (bit % 8));
      corrupted.add(c);
      ops.add(verify(c, kp.publicKey(), message));
    }
    JsonNode results = run(ops);
    for (int i = 0; i < corrupted.size(); i++) {
      JsonNode wasm = results.get(i);
      // WASM either returns false or refuses the bytes; Java must agree that it is not valid.
      assertThat(wasm.isBoolean() ? wasm.booleanValue() : false).as("WASM on case %d", i).isFalse();
      boolean javaAccepts;
      try {
        javaAccepts = kp.publicKey().verify(message, BlsSignature.fromBytes(corrupted.get(i)));
      } catch (CryptoException e) {
        javaAccepts = false;
      }
      assertThat(javaAccepts).as("Java on case %d", i).isFalse();
    }
  }

  @Test
  void wasmAggregateOfJavaSignaturesIsBitIdenticalAndVerifiesInJava() throws Exception {
    byte[] message = "one message, many signers".getBytes(StandardCharsets.UTF_8);
    List<BlsPublicKey> keys = new ArrayList<>();
    List<BlsSignature> sigs = new ArrayList<>();
    ArrayNode hexSigs = JSON.createArrayNode();
    for (int i = 0; i < 40; i++) {
      BlsKeyPair kp = key(200 + i);
      keys.add(kp.publicKey());
      BlsSignature s = kp.sign(message);
      sigs.add(s);
      hexSigs.add(HEX.formatHex(s.bytes()));
    }
    ArrayNode ops = JSON.createArrayNode();
    ObjectNode aggregate = ops.addObject();
    aggregate.put("op", "aggregate");
    aggregate.set("signatures", hexSigs);

    JsonNode results = run(ops);
    assertThat(results.get(0).isString()).as("WASM result %s", results.get(0)).isTrue();
    byte[] wasmAggregate = HEX.parseHex(results.get(0).stringValue());

    assertThat(wasmAggregate).isEqualTo(BlsSignature.aggregate(sigs).bytes());
    BlsSignature parsed = BlsSignature.fromBytes(wasmAggregate);
    assertThat(BlsPublicKey.verifyAggregate(keys, message, parsed)).isTrue();
    keys.set(3, key(999).publicKey());
    assertThat(BlsPublicKey.verifyAggregate(keys, message, parsed)).isFalse();
  }

  @Test
  void wasmVerifiesJavaAggregates() throws Exception {
    byte[] message = new StorageConfirmation(3, blobId(), BlobPersistence.PERMANENT).toBcs();
    List<BlsPublicKey> keys = new ArrayList<>();
    List<BlsSignature> sigs = new ArrayList<>();
    for (int i = 0; i < 67; i++) {
      BlsKeyPair kp = key(300 + i);
      keys.add(kp.publicKey());
      sigs.add(kp.sign(message));
    }
    BlsSignature aggregate = BlsSignature.aggregate(sigs);
    List<BlsPublicKey> swapped = new ArrayList<>(keys);
    swapped.set(10, key(998).publicKey());

    ArrayNode ops = JSON.createArrayNode();
    ops.add(verifyAggregate(keys, message, aggregate));
    ops.add(verifyAggregate(swapped, message, aggregate));
    ops.add(verifyAggregate(keys.subList(1, keys.size()), message, aggregate));
    // The aggregate key, as the ledger computes it, verifies as a single key too.
    ops.add(verify(aggregate.bytes(), BlsPublicKey.aggregate(keys), message));

    JsonNode results = run(ops);
    assertThat(results.toString()).isEqualTo("[true,false,false,true]");
  }

  @Test
  void wasmVerifiesJavaProofOfPossessionAndStorageConfirmation() throws Exception {
    BlsKeyPair kp = key(7);
    Address address =
        Address.parse("0xd77a6cd55073e98d4029b1b0b8bd8d88f45f343dad2732fc9a7965094e635c55");
    BlsSignature pop = ProofOfPossession.create(kp, 42, address);
    byte[] popMessage = new ProofOfPossessionMessage(42, address, kp.publicKey()).toBcs();
    byte[] popWrongEpoch = new ProofOfPossessionMessage(43, address, kp.publicKey()).toBcs();

    StorageConfirmation confirmation =
        new StorageConfirmation(
            42, blobId(), BlobPersistence.deletable(ObjectId.parse("0x" + "ab".repeat(32))));
    SignedMessage<StorageConfirmation> signed = SignedMessage.sign(kp, confirmation);

    ArrayNode ops = JSON.createArrayNode();
    ops.add(verify(pop.bytes(), kp.publicKey(), popMessage));
    ops.add(verify(pop.bytes(), kp.publicKey(), popWrongEpoch));
    ops.add(verify(signed.signature().bytes(), kp.publicKey(), signed.serializedMessage()));
    ops.add(
        verify(
            signed.signature().bytes(),
            kp.publicKey(),
            new StorageConfirmation(42, blobId(), BlobPersistence.PERMANENT).toBcs()));

    JsonNode results = run(ops);
    assertThat(results.toString()).isEqualTo("[true,false,true,false]");
  }

  private static BlobId blobId() {
    byte[] id = new byte[32];
    for (int i = 0; i < 32; i++) {
      id[i] = (byte) (i * 7 + 1);
    }
    return BlobId.of(id);
  }

  private static ObjectNode verify(byte[] signature, BlsPublicKey key, byte[] message) {
    ObjectNode op = JSON.createObjectNode();
    op.put("op", "verify");
    op.put("signature", HEX.formatHex(signature));
    op.put("publicKey", HEX.formatHex(key.bytes()));
    op.put("message", HEX.formatHex(message));
    return op;
  }

  private static ObjectNode verifyAggregate(
      List<BlsPublicKey> keys, byte[] message, BlsSignature aggregate) {
    ObjectNode op = JSON.createObjectNode();
    op.put("op", "verifyAggregate");
    ArrayNode hexKeys = op.putArray("publicKeys");
    keys.forEach(k -> hexKeys.add(HEX.formatHex(k.bytes())));
    op.put("message", HEX.formatHex(message));
    op.put("signature", HEX.formatHex(aggregate.bytes()));
    return op;
  }

  /** Runs the operations in one Node process and returns one result per operation. */
  private static JsonNode run(ArrayNode ops) throws IOException, InterruptedException {
    Path in = Files.createTempFile(work, "ops", ".json");
    Files.writeString(in, JSON.writeValueAsString(ops));
    JsonNode results = JSON.readTree(wasm.run(script, List.of(wasm.dir().toString()), in, TIMEOUT_SECONDS));
    assertThat(results.size()).as("one result per operation").isEqualTo(ops.size());
    return results;
  }
}
