package dev.walrus.node.api;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Bitcoin-alphabet Base58, the text form Sui (and thus Walrus's JSON) uses for transaction
 * digests. Leading zero bytes become leading {@code '1'}s, so the encoding is exact for
 * fixed-size digests.
 */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEX = new int[128];
  private static final BigInteger BASE = BigInteger.valueOf(58);

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEX[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    StringBuilder out = new StringBuilder(bytes.length * 138 / 100 + 1);
    BigInteger value = new BigInteger(1, bytes);
    while (value.signum() > 0) {
      BigInteger[] qr = value.divideAndRemainder(BASE);
      out.append(ALPHABET[qr[1].intValue()]);
      value = qr[0];
    }
    out.append("1".repeat(zeros));
    return out.reverse().toString();
  }

  /** Decodes Base58 text; {@link IllegalArgumentException} for a character outside the alphabet. */
  public static byte[] decode(String text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEX[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("'" + c + "' is not a Base58 character");
      }
      value = value.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
    int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
    byte[] out = new byte[zeros + magnitude.length - skip];
    System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
    return out;
  }
}
