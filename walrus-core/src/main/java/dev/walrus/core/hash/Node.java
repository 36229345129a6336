package dev.walrus.core.hash;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Merkle tree node: either the empty node (32 zero bytes, used as padding and never hashed) or
 * a 32-byte digest. BCS: {@code 0x00} for empty, {@code 0x01 ‖ digest} otherwise.
 */
public final class Node {
  public static final int LENGTH = 32;
  public static final Node EMPTY = new Node(new byte[LENGTH], true);

  private final byte[] bytes;
  private final boolean empty;

  private Node(byte[] bytes, boolean empty) {
    this.bytes = bytes;
    this.empty = empty;
  }

  /** A digest node; the bytes are copied. */
  public static Node digest(byte[] digest) {
    if (digest.length != LENGTH) {
      throw new IllegalArgumentException("a Merkle digest has 32 bytes, got " + digest.length);
    }
    return new Node(digest.clone(), false);
  }

  /** A digest node read from {@code buf[off..off+32)}. */
  public static Node digest(byte[] buf, int off) {
    return new Node(Arrays.copyOfRange(buf, off, off + LENGTH), false);
  }

  /** BCS: {@code 0x00} (empty) or {@code 0x01 ‖ 32 bytes}. */
  public void writeBcs(BcsWriter w) {
    if (empty) {
      w.variant(0);
    } else {
      w.variant(1).fixedBytes(bytes);
    }
  }

  public static Node readBcs(BcsReader r) {
    return r.variant("Node", 2) == 0 ? EMPTY : new Node(r.fixedBytes(LENGTH), false);
  }

  public boolean isEmpty() {
    return empty;
  }

  /** The node's 32 bytes (zeros for the empty node), copied. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the node's 32 bytes into {@code out[off..off+32)}. */
  public void copyTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, LENGTH);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Node other && other.empty == empty && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + (empty ? 1 : 0);
  }

  @Override
  public String toString() {
    return empty ? "Empty" : "Digest(" + toHex() + ")";
  }
}
