package dev.walrus.core.crypto;

import java.util.Base64;

/** Length checks and base64 forms shared by every key and signature type of this package. */
final class CryptoBytes {
  private CryptoBytes() {}

  static void checkLength(byte[] bytes, int length, String what) {
    if (bytes == null || bytes.length != length) {
      throw new CryptoException(
          what + " must be " + length + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
  }

  /**
   * Decodes standard base64 with padding, as in Walrus's JSON and the sync-shard Authorization
   * header. Only the canonical form is accepted (padding present, unused bits zero), as the
   * Rust side's strict decoder does.
   */
  static byte[] decodeBase64(String text, String what) {
    if (text == null) {
      throw new CryptoException(what + " is null");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(what + " is not standard base64: " + e.getMessage());
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new CryptoException(what + " is not canonical padded standard base64");
    }
    return decoded;
  }

  static String encodeBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
