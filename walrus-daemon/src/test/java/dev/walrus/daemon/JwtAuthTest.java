package dev.walrus.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.Address;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Token checks against a fixed clock. */
class JwtAuthTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);
  private static final Address ALICE = Address.of(filled(1));
  private static final Address BOB = Address.of(filled(2));

  private static JwtAuth auth(JwtSettings settings) {
    return new JwtAuth(settings, new ReplayCache(100, CLOCK), CLOCK);
  }

  private static JwtAuth hs256(long expiringSec, boolean verifyUpload) {
    return auth(new JwtSettings(SECRET, JwtSettings.Algorithm.HS256, expiringSec, verifyUpload));
  }

  private static int jti;

  private static String claims(String extra) {
    return "{\"exp\":" + (NOW + 100) + ",\"jti\":\"t" + (++jti) + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  private static String hs(String alg, byte[] secret, String claims) {
    String signed = part("{\"alg\":\"" + alg + "\"}") + "." + part(claims);
    try {
      Mac mac = Mac.getInstance("Hmac" + alg.replace("HS", "SHA"));
      mac.init(new SecretKeySpec(secret, mac.getAlgorithm()));
      return "Bearer " + signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes()));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String part(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String reasonOf(Runnable r) {
    try {
      r.run();
    } catch (DaemonError e) {
      assertThat(e.error().domain()).isEqualTo("auth.publisher.walrus.space");
      return e.error().reason() + " " + e.status();
    }
    return "accepted";
  }

  @Test
  void aValidTokenIsAcceptedOnceOnly() throws Exception {
    JwtAuth auth = hs256(0, false);
    String token = hs("HS256", SECRET, claims(""));
    assertThat(auth.authorise(token, 1, null, 10).exp()).isEqualTo(NOW + 100);
    assertThat(reasonOf(() -> auth.authorise(token, 1, null, 10))).isEqualTo("TOKEN_ALREADY_USED 429");
  }

  @Test
  void signaturesAlgorithmsAndExpiry() throws Exception {
    JwtAuth auth = hs256(0, false);
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", "other".getBytes(), claims("")), 1, null, 1)))
        .isEqualTo("INVALID_SIGNATURE 401");
    assertThat(reasonOf(() -> auth.authorise(hs("HS512", SECRET, claims("")), 1, null, 1)))
        .isEqualTo("INVALID_TOKEN 400");
    String late = "{\"exp\":" + (NOW - 61) + ",\"jti\":\"late\"}";
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, late), 1, null, 1)))
        .isEqualTo("EXPIRED_SIGNATURE 504");
    String withinLeeway = "{\"exp\":" + (NOW - 59) + ",\"jti\":\"leeway\"}";
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, withinLeeway), 1, null, 1))).isEqualTo("accepted");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, "{\"jti\":\"x\"}"), 1, null, 1)))
        .isEqualTo("INVALID_TOKEN 400");
    assertThat(reasonOf(() -> auth.authorise("Bearer not.a.jwt", 1, null, 1))).isEqualTo("INVALID_TOKEN 400");
    assertThat(reasonOf(() -> auth.authorise(null, 1, null, 1))).isEqualTo("INVALID_TOKEN 400");
    assertThat(reasonOf(() -> auth.authorise("Basic abc", 1, null, 1))).isEqualTo("INVALID_TOKEN 400");
  }

  @Test
  void theExpiryWindowMustMatchWhenConfigured() throws Exception {
    JwtAuth auth = hs256(100, false);
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"iat\":" + NOW)), 1, null, 1)))
        .isEqualTo("accepted");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"iat\":" + (NOW - 5))), 1, null, 1)))
        .isEqualTo("INVALID_EXPIRATION 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("")), 1, null, 1)))
        .isEqualTo("INVALID_TOKEN 400");
  }

  @Test
  void uploadsMustMatchTheClaimsWhenVerified() throws Exception {
    JwtAuth auth = hs256(0, true);
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"epochs\":2")), 3, null, 1)))
        .isEqualTo("INVALID_EPOCHS 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"max_epochs\":5")), 5, null, 1)))
        .isEqualTo("accepted");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"epochs\":2,\"max_epochs\":5")), 2,
        null, 1))).isEqualTo("INCONSISTENT_TOKEN 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"size\":2,\"max_size\":5")), 2,
        null, 1))).isEqualTo("INCONSISTENT_TOKEN 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"max_size\":5")), 1, null, 6)))
        .isEqualTo("INVALID_SIZE 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"size\":5")), 1, null, 4)))
        .isEqualTo("INVALID_SIZE 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"size\":5")), 1, null, -1)))
        .isEqualTo("accepted");
    String to = claims("\"send_object_to\":\"" + ALICE + "\"");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, to), 1, BOB, 1)))
        .isEqualTo("INVALID_SEND_OBJECT_TO 400");
    // A token refused for its claims is not spent: the same token with a matching request passes.
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, to), 1, null, 1)))
        .isEqualTo("INVALID_SEND_OBJECT_TO 400");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, to), 1, ALICE, 1))).isEqualTo("accepted");
  }

  @Test
  void withoutVerificationOnlyTheTokenIsChecked() throws Exception {
    JwtAuth auth = hs256(0, false);
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", SECRET, claims("\"epochs\":2,\"size\":1")), 3, BOB,
        100))).isEqualTo("accepted");
  }

  @Test
  void withoutAKeyClaimsAreReadButSignaturesNotChecked() throws Exception {
    JwtAuth auth = auth(new JwtSettings(null, null, 0, true));
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", "whatever".getBytes(), claims("\"epochs\":1")), 1,
        null, 1))).isEqualTo("accepted");
    assertThat(reasonOf(() -> auth.authorise(hs("HS256", "whatever".getBytes(), claims("\"epochs\":1")), 2,
        null, 1))).isEqualTo("INVALID_EPOCHS 400");
  }

  @Test
  void eddsaTokensVerifyWithThePublicKey() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = keys.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    JwtAuth auth = auth(new JwtSettings(raw, JwtSettings.Algorithm.EdDSA, 0, false));
    String signed = part("{\"alg\":\"EdDSA\"}") + "." + part(claims(""));
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(keys.getPrivate());
    signer.update(signed.getBytes(StandardCharsets.US_ASCII));
    String token = "Bearer " + signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    assertThat(reasonOf(() -> auth.authorise(token, 1, null, 1))).isEqualTo("accepted");
    String forged = token.substring(0, token.length() - 4) + "AAAA";
    assertThat(reasonOf(() -> auth.authorise(forged, 1, null, 1))).isEqualTo("INVALID_SIGNATURE 401");
  }

  @Test
  void theBodyIsCheckedAgainstTheSizeClaims() throws Exception {
    String token = hs("HS256", SECRET, claims("\"max_size\":10"));
    JwtAuth.checkBodySize(token, 10);
    assertThatThrownBy(() -> JwtAuth.checkBodySize(token, 11)).isInstanceOf(DaemonError.class);
  }

  @Test
  void secretsAreHexOrText() {
    assertThat(JwtSettings.parseSecret("0x00ff")).containsExactly(0, 255);
    assertThat(JwtSettings.parseSecret("abc")).containsExactly('a', 'b', 'c');
    assertThatThrownBy(() -> JwtSettings.parseSecret("0xzz")).isInstanceOf(IllegalArgumentException.class);
    assertThat(JwtSettings.Algorithm.parse("eddsa")).isEqualTo(JwtSettings.Algorithm.EdDSA);
    assertThatThrownBy(() -> JwtSettings.Algorithm.parse("RS256")).hasMessageContaining("unsupported");
  }

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) b);
    return bytes;
  }
}
