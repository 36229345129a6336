package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import dev.walrus.core.hash.Blake2b256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How the ledger names new objects: {@code BLAKE2b-256("walrus-java/object" ‖ transaction digest ‖
 * u64 LE counter)}, the counter numbering the objects one transaction creates. Unique because
 * transaction digests are, and known before submission — so a client can sign a transaction that
 * uses an object the previous one will create (reserve, then register, then certify) without
 * waiting in between.
 */
public final class ObjectIds {
  private static final byte[] DOMAIN = "walrus-java/object".getBytes(StandardCharsets.UTF_8);

  private ObjectIds() {}

  private static final byte[] BATCH_RESULT = "walrus-java/batch-result".getBytes(StandardCharsets.UTF_8);

  /**
   * Within an {@link Operation.Batch}: stands for the {@code index}-th object (from 0) that the
   * transaction created before the operation naming it ran — the ID cannot be written out, since
   * it derives from the digest of the transaction that contains it. The ledger replaces it with
   * {@link #created}{@code (digest, index)} when the operation runs; it names no object anywhere
   * else.
   */
  public static ObjectId batchResult(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative batch result index " + index);
    }
    byte[] i = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(index).array();
    return ObjectId.of(Blake2b256.digest(BATCH_RESULT, i));
  }

  /** The {@code index}-th object (from 0) created by the transaction with this digest. */
  public static ObjectId created(byte[] txDigest, long index) {
    byte[] counter = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(index).array();
    return ObjectId.of(Blake2b256.digest(DOMAIN, txDigest, counter));
  }
}
