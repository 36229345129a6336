package dev.walrus.core.encoding;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.core.messages.SyncShardMessage;
import org.junit.jupiter.api.Assertions;

/**
 * The decoders a storage node runs on request bodies from anyone: blob metadata, slivers,
 * inconsistency proofs, shard-sync requests and storage confirmations (the client decodes
 * those). Each either decodes to a value that decodes again from its own encoding to an equal
 * value, or throws {@link BcsException} (metadata may also name an encoding type this network
 * does not use); anything else would be an error 500 or a crash. Without {@code JAZZER_FUZZ=1}
 * the methods run once per stored input; with it, Jazzer mutates inputs for as long as it is given.
 */
class StorageDecodersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void metadata(byte[] input) {
    try {
      BlobMetadata m = BlobMetadata.fromBcs(input);
      Assertions.assertEquals(m, BlobMetadata.fromBcs(m.toBcs()));
    } catch (BcsException | UnsupportedEncodingTypeException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void sliver(byte[] input) {
    for (SliverType type : SliverType.values()) {
      try {
        SliverData s = SliverData.fromBcs(type, input);
        Assertions.assertArrayEquals(input, s.toBcs());
      } catch (BcsException expected) {
        // refused
      }
    }
  }

  @FuzzTest(maxDuration = "20s")
  void inconsistencyProof(byte[] input) {
    for (SliverType type : SliverType.values()) {
      try {
        InconsistencyProof p = InconsistencyProof.fromBcs(type, input);
        Assertions.assertArrayEquals(input, p.toBcs());
      } catch (BcsException expected) {
        // refused
      }
    }
  }

  @FuzzTest(maxDuration = "20s")
  void syncShard(byte[] input) {
    try {
      SyncShardMessage m = SyncShardMessage.fromBcs(input);
      Assertions.assertEquals(m, SyncShardMessage.fromBcs(m.toBcs()));
    } catch (BcsException expected) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void confirmation(byte[] input) {
    try {
      StorageConfirmation c = StorageConfirmation.fromBcs(input);
      Assertions.assertEquals(c, StorageConfirmation.fromBcs(c.toBcs()));
    } catch (BcsException expected) {
      // refused
    }
  }
}
