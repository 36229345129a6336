package dev.walrus.core.encoding;

import dev.walrus.core.BlobId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.hash.MerkleTree;
import dev.walrus.core.hash.Node;
import java.util.List;

/**
 * {@code BlobMetadata::V1}: the encoding type, the blob's length and the hashes of its {@code n}
 * sliver pairs, indexed by pair. BCS: {@code 0x00 (V1) ‖ encoding type ‖ u64 length ‖
 * ULEB128(n) ‖ (primary Node ‖ secondary Node)*}.
 */
public record BlobMetadata(EncodingType encodingType, long unencodedLength, List<SliverPairMetadata> hashes) {

  public BlobMetadata {
    hashes = List.copyOf(hashes);
    if (unencodedLength < 0) {
      throw new InvalidMetadataException("negative blob length " + unencodedLength);
    }
  }

  public int nShards() {
    return hashes.size();
  }

  /** The Merkle root over the pair leaves {@code primary hash ‖ secondary hash}. */
  public Node rootHash() {
    int n = hashes.size();
    byte[] pairs = new byte[n * 64];
    for (int i = 0; i < n; i++) {
      hashes.get(i).primaryHash().copyTo(pairs, 64 * i);
      hashes.get(i).secondaryHash().copyTo(pairs, 64 * i + 32);
    }
    return MerkleTree.ofLeaves(pairs, 0, 64, n, 64).root();
  }

  /** {@code BLAKE2b-256(encoding type ‖ u64 LE length ‖ root)}. */
  public BlobId computeBlobId() {
    return deriveBlobId(encodingType, unencodedLength, rootHash());
  }

  /** The blob ID of a blob with this root hash, as the ledger's {@code derive_blob_id} computes it. */
  public static BlobId deriveBlobId(EncodingType type, long unencodedLength, Node rootHash) {
    byte[] input = new BcsWriter(41).u8(type.value()).u64(unencodedLength).fixedBytes(rootHash.bytes()).toByteArray();
    return BlobId.of(Blake2b256.digest(input));
  }

  public void writeBcs(BcsWriter w) {
    w.variant(0).variant(encodingType.value()).u64(unencodedLength).uleb128(hashes.size());
    for (SliverPairMetadata h : hashes) {
      h.writeBcs(w);
    }
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(16 + 66 * hashes.size());
    writeBcs(w);
    return w.toByteArray();
  }

  public static BlobMetadata readBcs(BcsReader r) {
    r.variant("BlobMetadata", 1);
    int type = r.variant("EncodingType", 2);
    EncodingType encodingType = EncodingType.fromValue(type);
    long length = r.u64();
    if (length < 0) {
      // A decoding error like any other malformed field: callers map BcsException to a 400.
      throw new BcsException("blob length " + Long.toUnsignedString(length) + " does not fit 63 bits");
    }
    int n = r.length(2);
    SliverPairMetadata[] hashes = new SliverPairMetadata[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = SliverPairMetadata.readBcs(r);
    }
    return new BlobMetadata(encodingType, length, List.of(hashes));
  }

  public static BlobMetadata fromBcs(byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    BlobMetadata m = readBcs(r);
    r.finish();
    return m;
  }
}
