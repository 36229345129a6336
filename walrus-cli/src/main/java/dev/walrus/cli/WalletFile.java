package dev.walrus.cli;

import dev.walrus.client.ClientConfigFile;

import dev.walrus.core.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;

/**
 * A wallet: one Ed25519 account key in a JSON file readable only by its owner: {@code
 * {"scheme":"ed25519","privateKey":"<base64 32-byte seed>","address":"0x…"}} (the address is
 * there for people; the key decides). Public so that tools beside the CLI (the client benchmark)
 * use the wallet {@code walrus local} writes exactly as the CLI reads it.
 */
public final class WalletFile {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  record Stored(String scheme, String privateKey, String address) {}

  private WalletFile() {}

  static Path defaultPath() {
    return Path.of(System.getProperty("user.home"), ".walrus", "wallet.key");
  }

  /** Reads the wallet as the SDK does ({@link ClientConfigFile#readWallet(Path)}), with CLI errors. */
  public static Ed25519KeyPair read(Path file) throws IOException {
    try {
      return ClientConfigFile.readWallet(file);
    } catch (NoSuchFileException e) {
      throw new CliException("no wallet at " + file + " (create one with 'walrus wallet new')");
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** Writes a new key; refuses to replace an existing file unless {@code force}. */
  static void write(Path file, Ed25519KeyPair key, boolean force) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    if (Files.exists(file) && !force) {
      throw new CliException("a wallet already exists at " + file + " (use --force to replace it)");
    }
    Path tmp = Files.createTempFile(parent, ".wallet", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file keeps the directory's default permissions.
      }
      Stored s = new Stored("ed25519", Base64.getEncoder().encodeToString(key.privateKey().bytes()),
          key.publicKey().toAddress().toString());
      Files.write(tmp, MAPPER.writeValueAsBytes(s), StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new CliException("a wallet already exists at " + file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
