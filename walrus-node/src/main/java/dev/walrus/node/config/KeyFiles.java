package dev.walrus.node.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PrivateKey;
import dev.walrus.http.tls.NetworkKeyPair;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's key files, readable only by their owner where the file system has POSIX permissions
 * (created with mode 600 from the start, then moved into place, so no other user ever sees a
 * partly written or readable key).
 *
 * <ul>
 *   <li>Protocol key (BLS12-381): one line of standard base64 of the 32-byte big-endian scalar.
 *   <li>Network key (ECDSA P-256): PKCS#8 PEM, the node's TLS identity, registered on the ledger
 *       as its 33-byte compressed public key; clients and peers pin it ({@link NetworkKeyPair}).
 *   <li>Wallet (Ed25519): the {@code walrus} CLI's wallet format, {@code
 *       {"scheme":"ed25519","privateKey":"<base64 seed>","address":"0x…"}}, so a wallet made with
 *       {@code walrus wallet new} can be the node's.
 * </ul>
 *
 * <p>Writers refuse to replace an existing file: losing a key loses the node's identity or funds.
 */
public final class KeyFiles {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** The CLI's wallet file layout. */
  record Wallet(String scheme, String privateKey, String address) {}

  private KeyFiles() {}

  public static void writeProtocolKey(Path file, BlsKeyPair key) throws IOException {
    writeSecret(file, base64Line(key.privateKey().bytes()));
  }

  public static BlsKeyPair readProtocolKey(Path file) throws IOException {
    byte[] bytes = readBase64(file, "BLS protocol key");
    try {
      return BlsKeyPair.of(BlsPrivateKey.fromBytes(bytes));
    } catch (RuntimeException e) {
      throw new InvalidKeyFileException(file, "BLS protocol key", e.getMessage());
    }
  }

  /** Writes the P-256 network key as PKCS#8 PEM (what Walrus writes and certbot's {@code privkey.pem} is). */
  public static void writeNetworkKey(Path file, NetworkKeyPair key) throws IOException {
    key.write(file);
  }

  /** Reads a P-256 network key: PKCS#8 or SEC1 PEM, or Walrus's base64 of {@code 0x02 ‖ scalar}. */
  public static NetworkKeyPair readNetworkKey(Path file) throws IOException {
    try {
      return NetworkKeyPair.load(file);
    } catch (IllegalArgumentException e) {
      String reason = e.getMessage().startsWith(file + ": ") ? e.getMessage().substring(file.toString().length() + 2)
          : e.getMessage();
      throw new InvalidKeyFileException(file, "P-256 network key", reason
          + " (network keys are ECDSA P-256, the TLS identity; a key from before TLS (Ed25519) must be replaced:"
          + " `walrus node init` writes one; its public key is what `walrus node register` registers)");
    }
  }

  public static void writeWallet(Path file, Ed25519KeyPair key) throws IOException {
    Wallet wallet = new Wallet("ed25519", Base64.getEncoder().encodeToString(key.privateKey().bytes()),
        key.publicKey().toAddress().toString());
    writeSecret(file, JSON.writeValueAsBytes(wallet));
  }

  public static Ed25519KeyPair readWallet(Path file) throws IOException {
    Wallet wallet;
    try {
      wallet = JSON.readValue(Files.readAllBytes(file), Wallet.class);
    } catch (JacksonException e) {
      throw new InvalidKeyFileException(file, "wallet", e.getOriginalMessage());
    }
    if (wallet == null || !"ed25519".equals(wallet.scheme()) || wallet.privateKey() == null) {
      throw new InvalidKeyFileException(file, "wallet", "expected an Ed25519 wallet with a private key");
    }
    try {
      return ed25519(file, Base64.getDecoder().decode(wallet.privateKey()), "wallet");
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFileException(file, "wallet", "the private key is not base64");
    }
  }

  /** Whether the file system of {@code file} can restrict it to its owner. */
  public static boolean supportsOwnerOnly(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    return (dir != null ? dir.getFileSystem() : FileSystems.getDefault())
        .supportedFileAttributeViews().contains("posix");
  }

  private static Ed25519KeyPair ed25519(Path file, byte[] seed, String what) throws InvalidKeyFileException {
    try {
      return Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(seed));
    } catch (RuntimeException e) {
      throw new InvalidKeyFileException(file, what, e.getMessage());
    }
  }

  private static byte[] base64Line(byte[] key) {
    return (Base64.getEncoder().encodeToString(key) + "\n").getBytes(UTF_8);
  }

  private static byte[] readBase64(Path file, String what) throws IOException {
    String text = Files.readString(file, UTF_8).strip();
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyFileException(file, what, "expected one line of base64");
    }
  }

  private static void writeSecret(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to replace an existing key file");
    }
    FileAttribute<?>[] attributes = supportsOwnerOnly(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
    try {
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
