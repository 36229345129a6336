package dev.walrus.node;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.InconsistencyProof;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small, deterministic protocol objects for the tests: one encoded blob on 10 shards and a node key. */
public final class Fixtures {
  public static final EncodingConfig CONFIG = EncodingConfig.forShards(10);
  public static final EncodedBlob BLOB;
  public static final BlsKeyPair KEY = key(1);

  static {
    byte[] data = new byte[3000];
    new Random(7).nextBytes(data);
    BLOB = new BlobEncoder(CONFIG).encode(data);
  }

  private Fixtures() {}

  public static BlsKeyPair key(int i) {
    byte[] seed = new byte[32];
    ByteBuffer.wrap(seed).putInt(i);
    return BlsKeyPair.of(BlsPrivateKey.fromSeed(seed));
  }

  public static BlobId blobId() {
    return BLOB.blobId();
  }

  public static BlobId blobId(int fill) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) fill);
    return BlobId.of(b);
  }

  /** Recovery symbols from the first {@code count} primary slivers towards secondary sliver {@code target}. */
  public static List<RecoverySymbol> recoverySymbols(int target, int count) {
    List<RecoverySymbol> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(ExpandedSliver.of(CONFIG, BLOB.primarySliver(i)).recoverySymbol(target));
    }
    return out;
  }

  public static InconsistencyProof inconsistencyProof() {
    return new InconsistencyProof(SliverType.SECONDARY, 9, recoverySymbols(9, CONFIG.primarySymbols()));
  }

  public static SignedMessage<StorageConfirmation> confirmation() {
    return SignedMessage.sign(KEY, new StorageConfirmation(5, blobId(), BlobPersistence.PERMANENT));
  }

  public static SignedMessage<InvalidBlobIdMessage> invalidBlobAttestation() {
    return SignedMessage.sign(KEY, new InvalidBlobIdMessage(5, blobId()));
  }
}
