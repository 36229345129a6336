package dev.walrus.core.encoding;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.MerkleProof;
import org.junit.jupiter.api.Assertions;

/**
 * The decoders of what nodes send each other and clients during recovery: recovery symbols with
 * their Merkle proofs, bare Merkle proofs, symbol IDs, and metadata with its blob ID (the body of
 * {@code GET /v1/blobs/{id}/metadata}). Each either throws {@link BcsException} (metadata may also
 * name an unsupported encoding type) or gives a value whose encoding is the input again. Without
 * {@code JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs.
 */
class SymbolDecodersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void recoverySymbol(byte[] input) {
    try {
      BcsReader r = new BcsReader(input);
      RecoverySymbol s = RecoverySymbol.readBcs(r);
      r.finish();
      Assertions.assertArrayEquals(input, s.toBcs());
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void merkleProof(byte[] input) {
    try {
      BcsReader r = new BcsReader(input);
      MerkleProof p = MerkleProof.readBcs(r);
      r.finish();
      BcsWriter w = new BcsWriter(input.length);
      p.writeBcs(w);
      Assertions.assertArrayEquals(input, w.toByteArray());
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void symbolId(byte[] input) {
    try {
      BcsReader r = new BcsReader(input);
      SymbolId id = SymbolId.readBcs(r);
      r.finish();
      BcsWriter w = new BcsWriter(input.length);
      id.writeBcs(w);
      Assertions.assertArrayEquals(input, w.toByteArray());
    } catch (BcsException refused) {
      // refused
    }
  }

  @FuzzTest(maxDuration = "20s")
  void metadataWithId(byte[] input) {
    try {
      BlobMetadataWithId m = BlobMetadataWithId.fromBcs(input);
      Assertions.assertEquals(m, BlobMetadataWithId.fromBcs(m.toBcs()));
    } catch (BcsException | UnsupportedEncodingTypeException refused) {
      // refused
    }
  }
}
