package dev.walrus.core.messages;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Values whose bytes are easy to spot in hand-written hex. */
final class Fixtures {
  static final HexFormat HEX = HexFormat.of();

  /** Bytes 00 01 02 … 1f, so a reversed or shifted ID shows. */
  static final String BLOB_ID_HEX =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final BlobId BLOB_ID = BlobId.of(HEX.parseHex(BLOB_ID_HEX));
  static final String OBJECT_ID_HEX = "2a".repeat(16) + "2b".repeat(16);
  static final ObjectId OBJECT_ID = ObjectId.parse("0x" + OBJECT_ID_HEX);
  static final String ADDRESS_HEX =
      "d77a6cd55073e98d4029b1b0b8bd8d88f45f343dad2732fc9a7965094e635c55";
  static final Address ADDRESS = Address.parse("0x" + ADDRESS_HEX);

  /** Epoch 0x01020304, written 04 03 02 01. */
  static final long EPOCH = 0x01020304L;

  static final StorageConfirmation PERMANENT =
      new StorageConfirmation(EPOCH, BLOB_ID, BlobPersistence.PERMANENT);
  static final StorageConfirmation DELETABLE =
      new StorageConfirmation(EPOCH, BLOB_ID, BlobPersistence.deletable(OBJECT_ID));
  static final InvalidBlobIdMessage INVALID_BLOB_ID = new InvalidBlobIdMessage(EPOCH, BLOB_ID);
  static final SyncShardMessage SYNC_SHARD =
      new SyncShardMessage(
          7, new SyncShardRequest(0x0102, SliverType.SECONDARY, BLOB_ID, 1000, 6));

  private Fixtures() {}

  static BlsKeyPair key(int i) {
    byte[] seed = new byte[32];
    ByteBuffer.wrap(seed).putInt(i);
    return BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
  }

  static ProofOfPossessionMessage proofOfPossession() {
    return new ProofOfPossessionMessage(EPOCH, ADDRESS, key(1).publicKey());
  }
}
