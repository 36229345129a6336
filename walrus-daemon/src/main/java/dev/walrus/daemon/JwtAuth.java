package dev.walrus.daemon;

import dev.walrus.core.Address;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the publisher's bearer tokens as Walrus does (protocol.md §7.2): the signature with the
 * configured algorithm, {@code exp} (60 s leeway) and, with an expiry window configured, {@code
 * iat}; each {@code jti} once only; and with upload verification, that the request stays within
 * the token's epochs, size and recipient. Errors carry Walrus's reasons in the domain {@code
 * auth.publisher.walrus.space}.
 */
final class JwtAuth {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long LEEWAY_SECONDS = 60;
  /** chrono's representable range, which Walrus's {@code exp} must fall in. */
  private static final long MAX_TIMESTAMP = 8_210_266_876_799L;
  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final JwtSettings settings;
  private final ReplayCache replays;
  private final Clock clock;
  private final PublicKey edKey;

  JwtAuth(JwtSettings settings, ReplayCache replays, Clock clock) {
    this.settings = settings;
    this.replays = replays;
    this.clock = clock;
    this.edKey = settings.key() != null && settings.algorithm() == JwtSettings.Algorithm.EdDSA
        ? ed25519Key(settings.key()) : null;
  }

  /** The claims of a token ({@code null} where absent). */
  record Claims(long exp, Long iat, String jti, Address sendObjectTo, Long epochs, Long maxEpochs, Long size,
      Long maxSize) {}

  /**
   * Authorises a store before its body is read: checks the token in {@code authorization} against
   * the query ({@code epochs}, {@code send_object_to}) and the declared body length ({@code -1}
   * when unknown), and spends its {@code jti}.
   */
  Claims authorise(String authorization, long epochs, Address sendObjectTo, long contentLength) {
    String token = bearer(authorization);
    Claims claims = settings.key() != null ? verified(token) : decode(token);
    if (claims.exp() < -MAX_TIMESTAMP || claims.exp() > MAX_TIMESTAMP) {
      throw error("INVALID_TIMESTAMP", "one of the timestamps in the JWT token is invalid");
    }
    if (!replays.add(claims.jti(), claims.exp())) {
      throw DaemonError.auth(429, "RESOURCE_EXHAUSTED", "TOKEN_ALREADY_USED", "the JWT token was already used");
    }
    try {
      checkUpload(claims, epochs, sendObjectTo, contentLength);
    } catch (DaemonError e) {
      replays.remove(claims.jti());
      throw e;
    }
    return claims;
  }

  /** Walrus re-checks the size claims against the body actually received, whatever the settings. */
  static void checkBodySize(String authorization, long size) {
    Claims claims = decode(bearer(authorization));
    if (claims.maxSize() != null && size > claims.maxSize() || claims.size() != null && size != claims.size()) {
      throw invalidSize();
    }
  }

  private void checkUpload(Claims c, long epochs, Address sendObjectTo, long contentLength) {
    if (settings.expiringSec() > 0 && c.exp() - (c.iat() == null ? 0 : c.iat()) != settings.expiringSec()) {
      throw error("INVALID_EXPIRATION", "the expiration in the query does not match the token");
    }
    if (c.maxSize() != null && c.size() != null) {
      throw inconsistent();
    }
    if (!settings.verifyUpload()) {
      return;
    }
    if (contentLength >= 0) {
      if (c.maxSize() != null && contentLength > c.maxSize() || c.size() != null && contentLength != c.size()) {
        throw invalidSize();
      }
    }
    if (c.epochs() != null && c.maxEpochs() != null) {
      throw inconsistent();
    }
    if (c.epochs() != null && epochs != c.epochs() || c.maxEpochs() != null && epochs > c.maxEpochs()) {
      throw error("INVALID_EPOCHS", "the epochs field in the query does not match the token");
    }
    if (c.sendObjectTo() != null && !c.sendObjectTo().equals(sendObjectTo)) {
      throw error("INVALID_SEND_OBJECT_TO",
          "the send_object_to field in the query does not match the token, or is missing");
    }
  }

  private Claims verified(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw invalidToken("a JWT has three parts");
    }
    JsonNode header = json(parts[0]);
    if (!settings.algorithm().name().equals(header.path("alg").asString(""))) {
      throw invalidToken("the token is signed with " + header.path("alg").asString("no algorithm") + ", not "
          + settings.algorithm());
    }
    byte[] signature = base64(parts[2]);
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    if (!signatureValid(signed, signature)) {
      throw DaemonError.auth(401, "UNAUTHENTICATED", "INVALID_SIGNATURE",
          "the signature on the token is invalid: InvalidSignature");
    }
    JsonNode payload = json(parts[1]);
    if (settings.expiringSec() > 0 && !payload.has("iat")) {
      throw invalidToken("missing required claim: iat");
    }
    Claims claims = claims(payload);
    if (claims.exp() < clock.instant().getEpochSecond() - LEEWAY_SECONDS) {
      throw DaemonError.auth(504, "DEADLINE_EXCEEDED", "EXPIRED_SIGNATURE",
          "the signature on the token has expired: ExpiredSignature");
    }
    return claims;
  }

  /** The claims without checking the signature or the expiry (Walrus's insecure decode). */
  private static Claims decode(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw invalidToken("a JWT has three parts");
    }
    json(parts[0]);
    return claims(json(parts[1]));
  }

  private boolean signatureValid(byte[] signed, byte[] signature) {
    try {
      if (settings.algorithm() == JwtSettings.Algorithm.EdDSA) {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(edKey);
        verifier.update(signed);
        return verifier.verify(signature);
      }
      Mac mac = Mac.getInstance(settings.algorithm().mac);
      mac.init(new SecretKeySpec(settings.key().length == 0 ? new byte[1] : settings.key(), settings.algorithm().mac));
      return MessageDigest.isEqual(mac.doFinal(signed), signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Claims claims(JsonNode p) {
    if (!p.isObject()) {
      throw invalidToken("the claims are not a JSON object");
    }
    JsonNode exp = p.get("exp");
    JsonNode jti = p.get("jti");
    if (exp == null || !exp.canConvertToLong() || !exp.isIntegralNumber()) {
      throw invalidToken("missing or invalid claim: exp");
    }
    if (jti == null || !jti.isString()) {
      throw invalidToken("missing or invalid claim: jti");
    }
    Address to = null;
    JsonNode send = p.get("send_object_to");
    if (send != null && !send.isNull()) {
      try {
        to = Address.parse(send.asString());
      } catch (RuntimeException e) {
        throw invalidToken("send_object_to is not an address");
      }
    }
    return new Claims(exp.asLong(), optional(p, "iat", Long.MIN_VALUE, Long.MAX_VALUE), jti.asString(), to,
        optional(p, "epochs", 0, 0xFFFF_FFFFL), optional(p, "max_epochs", 0, 0xFFFF_FFFFL),
        optional(p, "size", 0, Long.MAX_VALUE), optional(p, "max_size", 0, Long.MAX_VALUE));
  }

  private static Long optional(JsonNode p, String name, long min, long max) {
    JsonNode v = p.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw invalidToken("invalid claim: " + name);
    }
    return v.asLong();
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      throw DaemonError.auth(400, "INVALID_ARGUMENT", "INVALID_TOKEN",
          "the request needs an 'Authorization: Bearer <JWT>' header");
    }
    return authorization.substring(7).trim();
  }

  private static JsonNode json(String part) {
    try {
      return JSON.readTree(base64(part));
    } catch (JacksonException e) {
      throw invalidToken("a part of the token is not JSON");
    }
  }

  private static byte[] base64(String part) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw invalidToken("a part of the token is not base64url");
    }
  }

  private static PublicKey ed25519Key(byte[] key) {
    byte[] der = key;
    if (key.length == 32) {
      der = new byte[ED25519_SPKI_PREFIX.length + 32];
      System.arraycopy(ED25519_SPKI_PREFIX, 0, der, 0, ED25519_SPKI_PREFIX.length);
      System.arraycopy(key, 0, der, ED25519_SPKI_PREFIX.length, 32);
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the EdDSA key must be a 32-byte Ed25519 public key (0x… hex) or its DER form");
    }
  }

  private static DaemonError error(String reason, String message) {
    return DaemonError.auth(400, "FAILED_PRECONDITION", reason, message);
  }

  private static DaemonError invalidToken(String why) {
    return error("INVALID_TOKEN", "the JWT token is invalid: " + why);
  }

  private static DaemonError invalidSize() {
    return error("INVALID_SIZE", "the size of the request does not match the size specified in the token");
  }

  private static DaemonError inconsistent() {
    return error("INCONSISTENT_TOKEN", "the token is inconsistent");
  }
}
