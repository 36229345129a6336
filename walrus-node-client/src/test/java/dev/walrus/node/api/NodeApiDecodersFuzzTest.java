package dev.walrus.node.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import org.junit.jupiter.api.Assertions;

/**
 * The binary bodies of the storage-node API that a client or a peer node decodes from a node it
 * does not trust: recovery symbols with their proofs, decoding symbols by sliver, and the slivers
 * of a shard hand-over. Each either throws {@link BcsException} or gives a value whose encoding is
 * the input again. Without {@code JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer
 * mutates inputs for as long as given.
 */
class NodeApiDecodersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void recoverySymbols(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, RecoverySymbols.toBcs(RecoverySymbols.fromBcs(input)));
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void decodingSymbols(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, DecodingSymbols.toBcs(DecodingSymbols.fromBcs(input)));
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void syncShardResponse(byte[] input) {
    try {
      Assertions.assertArrayEquals(input, SyncShardResponse.fromBcs(input).toBcs());
    } catch (BcsException refused) {
      // refused
    }
  }
}
