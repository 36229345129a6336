package dev.walrus.ledger.state.system;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.StorageResource;
import java.nio.ByteBuffer;

/** Registers and certifies blobs in a {@link SystemHarness} with a {@link TestCommittee}'s keys. */
final class BlobFixture {
  final SystemHarness h;
  TestCommittee committee;

  BlobFixture(SystemHarness h, TestCommittee committee) {
    this.h = h;
    this.committee = committee;
  }

  /** A Merkle root stand-in: any 32 bytes bind a blob ID. */
  static byte[] root(int seed) {
    return Blake2b256.digest(ByteBuffer.allocate(4).putInt(seed).array());
  }

  static BlobId blobId(byte[] root, long size) {
    return BlobMetadata.deriveBlobId(EncodingType.RS2, size, Node.digest(root));
  }

  static Operation.RegisterBlob registerOp(ObjectId storage, int seed, long size, boolean deletable) {
    byte[] root = root(seed);
    return new Operation.RegisterBlob(storage, blobId(root, size), root, size, EncodedSize.RS2, deletable);
  }

  StorageResource reserveFor(Ed25519KeyPair who, long unencodedSize, int epochs) {
    long encoded = h.system.encodedSize(unencodedSize);
    return h.created(h.ok(who, new Operation.ReserveSpace(encoded, epochs)), StorageResource.class);
  }

  BlobObject register(Ed25519KeyPair who, int seed, long size, int epochs, boolean deletable) {
    StorageResource s = reserveFor(who, size, epochs);
    return h.created(h.ok(who, registerOp(s.id(), seed, size, deletable)), BlobObject.class);
  }

  /** The storage confirmation nodes sign for {@code blob} in the current epoch. */
  byte[] confirmation(BlobObject blob) {
    BlobPersistence p = blob.deletable() ? BlobPersistence.deletable(blob.id()) : BlobPersistence.PERMANENT;
    return new StorageConfirmation(h.epoch(), blob.blobId(), p).toBcs();
  }

  /** A certificate by the first {@code signers} members. */
  Operation.CertifyBlob certifyOp(BlobObject blob, byte[] message, int signers) {
    int[] who = TestCommittee.first(signers);
    return new Operation.CertifyBlob(blob.id(), committee.sign(message, who), committee.bitmap(who), message);
  }

  BlobObject certify(Ed25519KeyPair who, BlobObject blob) {
    h.ok(who, certifyOp(blob, confirmation(blob), committee.size()));
    return h.object(blob.id(), BlobObject.class);
  }

  BlobObject registerCertified(Ed25519KeyPair who, int seed, long size, int epochs, boolean deletable) {
    return certify(who, register(who, seed, size, epochs, deletable));
  }

  /** Moves to the next epoch with the same members. */
  void nextEpoch(long capacity) {
    committee = committee.forEpoch(h.epoch() + 1);
    h.advanceEpoch(committee.committee, capacity);
  }
}
