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

  /** The {@code index}-th object (from 0) created by the transaction with this digest. */
  public static ObjectId created(byte[] txDigest, long index) {
    byte[] counter = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(index).array();
    return ObjectId.of(Blake2b256.digest(DOMAIN, txDigest, counter));
  }
}
