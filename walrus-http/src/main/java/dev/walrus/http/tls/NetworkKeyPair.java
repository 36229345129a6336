package dev.walrus.http.tls;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A storage node's network key: ECDSA on NIST P-256 (secp256r1), as in Walrus. It is the node's
 * TLS identity: the node's server certificate certifies it, and everyone who talks to the node
 * accepts the TLS connection only if the server proves possession of the key registered on the
 * ledger as the node's network public key ({@link #publicKeyBytes()}, the 33-byte compressed
 * point). Immutable and thread-safe.
 */
public final class NetworkKeyPair {
  /** Key files are a few hundred bytes; anything far larger is not a key file. */
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private final ECPrivateKey privateKey;
  private final ECPublicKey publicKey;
  private final byte[] compressed;

  private NetworkKeyPair(ECPrivateKey privateKey, ECPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.compressed = P256.compress(publicKey);
  }

  /** A fresh key from the JDK's default {@link java.security.SecureRandom}. */
  public static NetworkKeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(P256.CURVE));
      KeyPair pair = generator.generateKeyPair();
      return new NetworkKeyPair((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate P-256 keys", e);
    }
  }

  /**
   * Parses a key the way Walrus loads its network key file: PKCS#8 PEM ({@code BEGIN PRIVATE
   * KEY}), SEC1 PEM ({@code BEGIN EC PRIVATE KEY}), or Walrus's alternative form, base64 of {@code
   * 0x02 ‖ 32-byte scalar}.
   *
   * @throws IllegalArgumentException naming what is wrong with the text
   */
  public static NetworkKeyPair fromPem(String text) {
    return fromScalar(NetworkKeyCodec.parse(text));
  }

  /**
   * Reads a key file in any format {@link #fromPem} accepts.
   *
   * @throws IllegalArgumentException if the file is not a P-256 private key (the message names it)
   */
  public static NetworkKeyPair load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file + ": " + size + " bytes is too large for a network key file");
    }
    try {
      return fromPem(Files.readString(file, UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@link #toPem()} to a new file readable only by its owner (mode 600 from creation where
   * the file system has POSIX permissions), moved into place atomically so no one ever sees a
   * partial key. Refuses to replace an existing file: losing the key loses the node's TLS identity
   * until the ledger registration is updated.
   */
  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to replace an existing key file");
    }
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] ownerOnly = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly);
    try {
      Files.writeString(tmp, toPem(), UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the format Walrus writes. */
  public String toPem() {
    return NetworkKeyCodec.toPkcs8Pem(privateKey.getS(), publicKey);
  }

  /** The 33-byte SEC1 compressed public point: what is registered on the ledger. */
  public byte[] publicKeyBytes() {
    return compressed.clone();
  }

  public ECPublicKey publicKey() {
    return publicKey;
  }

  ECPrivateKey privateKey() {
    return privateKey;
  }

  /**
   * Decodes a registered 33-byte network public key, for checking it before it is registered or
   * pinned.
   *
   * @throws IllegalArgumentException if it is not 33 bytes, not SEC1 compressed, or not on P-256
   */
  public static ECPublicKey decodePublicKey(byte[] compressed) {
    return P256.decompress(compressed);
  }

  /**
   * The 33-byte key written as base64 (as configuration files list replicas' and nodes' keys),
   * checked to be a compressed P-256 point.
   *
   * @throws IllegalArgumentException if it is not base64 or not such a key
   */
  public static byte[] publicKeyFromBase64(String base64) {
    byte[] key = java.util.Base64.getDecoder().decode(String.valueOf(base64).trim());
    decodePublicKey(key);
    return key;
  }

  static NetworkKeyPair fromScalar(BigInteger d) {
    return new NetworkKeyPair(P256.privateKey(d), P256.publicKey(d));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkKeyPair other && Arrays.equals(compressed, other.compressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(compressed);
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "NetworkKeyPair[" + Base64.getEncoder().encodeToString(compressed) + "]";
  }
}
