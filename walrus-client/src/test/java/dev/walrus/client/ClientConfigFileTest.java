package dev.walrus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.crypto.Ed25519KeyPair;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigFileTest {
  @TempDir Path dir;

  private Path walletOf(Ed25519KeyPair key) throws Exception {
    Path wallet = dir.resolve("wallet.key");
    Files.writeString(wallet, "{\"scheme\":\"ed25519\",\"privateKey\":\""
        + Base64.getEncoder().encodeToString(key.privateKey().bytes()) + "\",\"address\":\"ignored\"}");
    return wallet;
  }

  @Test
  void readsWhatWalrusLocalWritesWithTheWalletBesideIt() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    walletOf(key);
    Path config = dir.resolve("client_config.yaml");
    Files.writeString(config, "# written by walrus local\nledgerUrls: [http://127.0.0.1:9101, http://127.0.0.1:9102]\n"
        + "ledgerKeys: [" + Base64.getEncoder().encodeToString(new byte[33]) + "]\n"
        + "wallet: wallet.key\naggregatorUrls: [http://127.0.0.1:31415]\n");
    ClientConfigFile loaded = ClientConfigFile.load(config);
    assertThat(loaded.ledgerUrls()).containsExactly(URI.create("http://127.0.0.1:9101"), URI.create("http://127.0.0.1:9102"));
    assertThat(loaded.ledgerKeys()).singleElement().isEqualTo(new byte[33]);
    assertThat(loaded.wallet()).isEqualTo(dir.resolve("wallet.key"));
    assertThat(loaded.readWallet().publicKey().toAddress()).isEqualTo(key.publicKey().toAddress());
  }

  @Test
  void badFilesAreClearErrors() throws Exception {
    Path noUrls = dir.resolve("a.yaml");
    Files.writeString(noUrls, "wallet: w.key\n");
    assertThatThrownBy(() -> ClientConfigFile.load(noUrls)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lists no ledgerUrls");
    Path notYaml = dir.resolve("b.yaml");
    Files.writeString(notYaml, "ledgerUrls: [unclosed\n");
    assertThatThrownBy(() -> ClientConfigFile.load(notYaml)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a client configuration");
    assertThatThrownBy(() -> ClientConfigFile.load(dir.resolve("absent.yaml"))).isInstanceOf(NoSuchFileException.class);
    Path badKey = dir.resolve("k.yaml");
    Files.writeString(badKey, "ledgerUrls: [https://127.0.0.1:9101]\nledgerKeys: [AAAA]\n");
    assertThatThrownBy(() -> ClientConfigFile.load(badKey)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ledgerKeys entry 'AAAA' is not the base64 of a compressed P-256 public key");
    Path wrongScheme = dir.resolve("c.key");
    Files.writeString(wrongScheme, "{\"scheme\":\"secp256k1\",\"privateKey\":\"AAAA\"}");
    assertThatThrownBy(() -> ClientConfigFile.readWallet(wrongScheme)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an Ed25519 wallet file");
    Path shortKey = dir.resolve("d.key");
    Files.writeString(shortKey, "{\"scheme\":\"ed25519\",\"privateKey\":\"AAAA\"}");
    assertThatThrownBy(() -> ClientConfigFile.readWallet(shortKey)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds an invalid private key");
  }
}
