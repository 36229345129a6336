package dev.walrus.ledger.replication;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import org.junit.jupiter.api.Assertions;

/**
 * A Raft log entry with arbitrary content: {@link Block#decode(byte[])} either throws {@link
 * BcsException} or gives a block that survives encoding and decoding again, and whose
 * transactions then decode without an exception (undecodable ones are dropped, with the checks
 * made on them). A log entry comes from the leader, but a replica must not crash on a corrupt one.
 * Without {@code JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs.
 */
class BlockFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void block(byte[] input) {
    Block block;
    try {
      block = Block.decode(input);
    } catch (BcsException refused) {
      return;
    }
    byte[] encoded = block.encode();
    Assertions.assertArrayEquals(encoded, Block.decode(encoded).encode());
    Block.Decoded decoded = block.decode();
    Assertions.assertTrue(decoded.transactions().size() <= block.transactions().size());
  }
}
