package dev.walrus.daemon;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Publisher authentication with JWTs, as Walrus's {@code --jwt-*} flags set it. Enabled when any
 * of the flags is given; without a key, tokens are read but their signatures not checked (a
 * gateway in front is trusted to have done it) — their claims still bind the upload.
 *
 * @param key the HMAC secret, or the Ed25519 public key (32 bytes, or DER) for EdDSA; {@code null}
 *     to skip signature checks
 * @param algorithm the only algorithm tokens may use
 * @param expiringSec if positive, tokens must say {@code exp − iat} equal to this
 * @param verifyUpload whether the upload must match the token's epochs, size and recipient
 */
public record JwtSettings(byte[] key, Algorithm algorithm, long expiringSec, boolean verifyUpload) {

  /** The signature algorithms the publisher accepts. */
  public enum Algorithm {
    HS256("HmacSHA256"),
    HS384("HmacSHA384"),
    HS512("HmacSHA512"),
    EdDSA(null);

    final String mac;

    Algorithm(String mac) {
      this.mac = mac;
    }

    /** By its JWT name ({@code HS256}, {@code EdDSA}…), case-insensitively. */
    public static Algorithm parse(String name) {
      for (Algorithm a : values()) {
        if (a.name().equalsIgnoreCase(name)) {
          return a;
        }
      }
      throw new IllegalArgumentException("unsupported JWT algorithm '" + name + "' (supported: HS256, HS384, HS512, EdDSA)");
    }
  }

  public JwtSettings {
    key = key == null ? null : key.clone();
    algorithm = algorithm == null ? Algorithm.HS256 : algorithm;
    if (expiringSec < 0) {
      throw new IllegalArgumentException("the JWT expiry must not be negative");
    }
  }

  /** Walrus's secret syntax: {@code 0x}-prefixed hex for raw bytes, otherwise the text's UTF-8 bytes. */
  public static byte[] parseSecret(String secret) {
    if (secret.startsWith("0x")) {
      try {
        return HexFormat.of().parseHex(secret.substring(2).toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the JWT secret '0x…' is not valid hex");
      }
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
