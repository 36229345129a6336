package dev.walrus.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.http.tls.NetworkKeyPair;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void protocolKeyRoundTripsAsOneLineOfBase64OwnerOnly() throws Exception {
    BlsKeyPair key = BlsKeyPair.generate();
    Path file = dir.resolve("keys/protocol.key");

    KeyFiles.writeProtocolKey(file, key);

    assertThat(KeyFiles.readProtocolKey(file)).isEqualTo(key);
    assertThat(Files.readString(file)).isEqualTo(Base64.getEncoder().encodeToString(key.privateKey().bytes()) + "\n");
    assertOwnerOnly(file);
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void networkKeyIsP256InPkcs8PemAndRoundTrips() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    Path file = dir.resolve("network.key");
    KeyFiles.writeNetworkKey(file, key);
    assertThat(KeyFiles.readNetworkKey(file).publicKeyBytes()).isEqualTo(key.publicKeyBytes());
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertOwnerOnly(file);
  }

  @Test
  void aNetworkKeyFromBeforeTlsIsRefusedWithWhatToDo() throws Exception {
    Path file = dir.resolve("old-network.key");
    Files.writeString(file, Base64.getEncoder().encodeToString(Ed25519KeyPair.generate().privateKey().bytes()) + "\n");
    assertThatThrownBy(() -> KeyFiles.readNetworkKey(file)).isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("P-256").hasMessageContaining("walrus node init");
  }

  @Test
  void walletUsesTheCliFormat() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    Path file = dir.resolve("wallet.key");
    KeyFiles.writeWallet(file, key);

    assertThat(KeyFiles.readWallet(file)).isEqualTo(key);
    assertThat(Files.readString(file))
        .contains("\"scheme\":\"ed25519\"")
        .contains("\"privateKey\":\"" + Base64.getEncoder().encodeToString(key.privateKey().bytes()) + "\"")
        .contains("\"address\":\"" + key.publicKey().toAddress() + "\"");
    assertOwnerOnly(file);

    Path written = dir.resolve("cli-wallet.key");
    Files.writeString(written, "{\"scheme\":\"ed25519\",\"privateKey\":\""
        + Base64.getEncoder().encodeToString(key.privateKey().bytes()) + "\",\"address\":\"0x00\"}");
    assertThat(KeyFiles.readWallet(written)).as("the address is informative; the key decides").isEqualTo(key);
  }

  @Test
  void existingKeysAreNeverReplaced() throws Exception {
    Path file = dir.resolve("protocol.key");
    BlsKeyPair first = BlsKeyPair.generate();
    KeyFiles.writeProtocolKey(file, first);
    assertThatThrownBy(() -> KeyFiles.writeProtocolKey(file, BlsKeyPair.generate()))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(KeyFiles.readProtocolKey(file)).isEqualTo(first);
  }

  @Test
  void invalidFilesAreReportedClearly() throws Exception {
    Path notBase64 = Files.writeString(dir.resolve("a.key"), "not base64!\n");
    assertThatThrownBy(() -> KeyFiles.readProtocolKey(notBase64)).isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("a.key").hasMessageContaining("BLS protocol key").hasMessageContaining("base64");
    Path wrongLength = Files.writeString(dir.resolve("b.key"), Base64.getEncoder().encodeToString(new byte[31]));
    assertThatThrownBy(() -> KeyFiles.readNetworkKey(wrongLength)).isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("P-256 network key").hasMessageContaining("33 bytes");
    Path zeroScalar = Files.writeString(dir.resolve("c.key"), Base64.getEncoder().encodeToString(new byte[32]));
    assertThatThrownBy(() -> KeyFiles.readProtocolKey(zeroScalar)).isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("zero");
    Path otherScheme = Files.writeString(dir.resolve("d.key"), "{\"scheme\":\"secp256k1\",\"privateKey\":\"AA==\"}");
    assertThatThrownBy(() -> KeyFiles.readWallet(otherScheme)).isInstanceOf(InvalidKeyFileException.class)
        .hasMessageContaining("Ed25519 wallet");
    Path notJson = Files.writeString(dir.resolve("e.key"), "{");
    assertThatThrownBy(() -> KeyFiles.readWallet(notJson)).isInstanceOf(InvalidKeyFileException.class);
  }

  private static void assertOwnerOnly(Path file) throws Exception {
    if (KeyFiles.supportsOwnerOnly(file)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }
}
