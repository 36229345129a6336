package dev.walrus.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
  private static final String MINIMAL = """
      name: node-1
      dataDirectory: data
      protocolKeyFile: keys/protocol.key
      networkKeyFile: keys/network.key
      walletFile: /etc/walrus/wallet.key
      ledgerUrls: [http://127.0.0.1:9101, https://ledger.example:9102]
      """;

  @TempDir Path dir;

  private static final String LEDGER_KEY = java.util.Base64.getEncoder()
      .encodeToString(dev.walrus.http.tls.NetworkKeyPair.generate().publicKeyBytes());

  @Test
  void aLedgerKeyThatIsNotAP256KeyIsNamed() throws Exception {
    Path file = write("node.yaml", MINIMAL + "ledgerKeys: [AAAA]\n");
    assertThatThrownBy(() -> NodeConfig.load(file)).isInstanceOf(InvalidNodeConfigException.class)
        .hasMessageContaining("ledger key 'AAAA' is not the base64 of a compressed P-256 public key");
  }

  @Test
  void aMinimalFileGetsDefaultsAndPathsRelativeToItsDirectory() throws Exception {
    Path file = write("node.yaml", MINIMAL);

    NodeConfig c = NodeConfig.load(file);

    assertThat(c.name()).isEqualTo("node-1");
    assertThat(c.listenAddress()).isEqualTo(new HostPort("127.0.0.1", 9185));
    assertThat(c.publicAddress()).isEqualTo(c.listenAddress());
    assertThat(c.dataDirectory()).isEqualTo(dir.resolve("data").toAbsolutePath());
    assertThat(c.protocolKeyFile()).isEqualTo(dir.resolve("keys/protocol.key").toAbsolutePath());
    assertThat(c.walletFile()).isEqualTo(Path.of("/etc/walrus/wallet.key"));
    assertThat(c.ledgerUrls()).containsExactly("http://127.0.0.1:9101", "https://ledger.example:9102");
    assertThat(c.metricsAddress()).isNull();
    assertThat(c.blocklistFile()).isNull();
    assertThat(c.capacity()).isEqualTo(1L << 40);
    assertThat(c.commissionRate()).isZero();
    assertThat(c.syncWrites()).isFalse();
    assertThat(c.maxConcurrentBlobSyncs()).isEqualTo(100);
    assertThat(c.maxConcurrentShardSyncs()).isEqualTo(10);
    assertThat(c.storeOptions().writeBufferBytes()).isEqualTo(64L << 20);
  }

  @Test
  void everyKeyIsReadAndWritingThenLoadingGivesTheSameConfiguration() throws Exception {
    Path file = write("node.yaml", MINIMAL + """
        listenAddress: 0.0.0.0:9000
        publicAddress: "[2001:db8::1]:443"
        metricsAddress: 127.0.0.1:9184
        blocklistFile: blocklist.yaml
        capacity: 5000000000
        commissionRate: 250
        syncWrites: true
        maxConcurrentBlobSyncs: 7
        maxConcurrentSliverRecoveries: 70
        maxConcurrentShardSyncs: 3
        blockCacheBytes: 33554432
        writeBufferBytes: 16777216
        ledgerKeys: [%s]
        """.formatted(LEDGER_KEY));
    NodeConfig c = NodeConfig.load(file);
    assertThat(c.ledgerKeys()).containsExactly(LEDGER_KEY);
    assertThat(c.ledgerKeyBytes().getFirst()).hasSize(33);
    assertThat(c.publicAddress()).isEqualTo(new HostPort("2001:db8::1", 443));
    assertThat(c.publicAddress()).hasToString("[2001:db8::1]:443");
    assertThat(c.metricsAddress()).isEqualTo(new HostPort("127.0.0.1", 9184));
    assertThat(c.commissionRate()).isEqualTo(250);
    assertThat(c.storeOptions().syncWrites()).isTrue();

    Path copy = dir.resolve("elsewhere/copy.yaml");
    c.write(copy);
    NodeConfig reloaded = NodeConfig.load(copy);

    assertThat(reloaded).isEqualTo(c);
    NodeConfig.defaults("n", dir.resolve("node"), List.of("http://localhost:1")).write(dir.resolve("node/node.yaml"));
    assertThat(Files.readString(dir.resolve("node/node.yaml"))).contains("dataDirectory: data").doesNotContain("---");
    assertThat(NodeConfig.load(dir.resolve("node/node.yaml")).dataDirectory())
        .isEqualTo(dir.resolve("node/data").toAbsolutePath());
  }

  @Test
  void unknownKeysAreRejectedWithTheKnownOnesListed() throws Exception {
    Path file = write("node.yaml", MINIMAL + "listenAdress: 0.0.0.0:1\n");
    assertThatThrownBy(() -> NodeConfig.load(file))
        .isInstanceOf(InvalidNodeConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown key 'listenAdress'")
        .hasMessageContaining("listenAddress");
  }

  @Test
  void missingRequiredKeysAreAllNamed() throws Exception {
    Path file = write("node.yaml", "name: n\nledgerUrls: [http://a:1]\n");
    assertThatThrownBy(() -> NodeConfig.load(file))
        .isInstanceOf(InvalidNodeConfigException.class)
        .hasMessageContaining("missing required keys dataDirectory, protocolKeyFile, networkKeyFile, walletFile");
  }

  @Test
  void outOfRangeAndMalformedValuesAreReportedTogether() throws Exception {
    Path file = write("node.yaml", MINIMAL.replace("http://127.0.0.1:9101", "ftp://x") + """
        commissionRate: 10001
        capacity: 0
        maxConcurrentBlobSyncs: 0
        """);
    assertThatThrownBy(() -> NodeConfig.load(file))
        .isInstanceOfSatisfying(InvalidNodeConfigException.class, e -> assertThat(e.problems()).hasSize(4))
        .hasMessageContaining("'commissionRate' is in basis points")
        .hasMessageContaining("'capacity' must be positive")
        .hasMessageContaining("ledger URL 'ftp://x'")
        .hasMessageContaining("'maxConcurrentBlobSyncs'");

    Path badAddress = write("bad-address.yaml", MINIMAL + "listenAddress: localhost\n");
    assertThatThrownBy(() -> NodeConfig.load(badAddress)).hasMessageContaining("'listenAddress'")
        .hasMessageContaining("is not host:port");
    Path badType = write("bad-type.yaml", MINIMAL + "capacity: lots\n");
    assertThatThrownBy(() -> NodeConfig.load(badType)).isInstanceOf(InvalidNodeConfigException.class)
        .hasMessageContaining("key 'capacity'");
    Path fraction = write("fraction.yaml", MINIMAL + "commissionRate: 1.5\n");
    assertThatThrownBy(() -> NodeConfig.load(fraction)).hasMessageContaining("key 'commissionRate'");
    Path duplicate = write("duplicate.yaml", MINIMAL + "name: again\n");
    assertThatThrownBy(() -> NodeConfig.load(duplicate)).isInstanceOf(InvalidNodeConfigException.class)
        .hasMessageContaining("(line 7): Duplicate").hasMessageContaining("\"name\"");
    Path nullUrl = write("null-url.yaml", MINIMAL.replace("https://ledger.example:9102", "null"));
    assertThatThrownBy(() -> NodeConfig.load(nullUrl)).hasMessageContaining("'ledgerUrls' must not contain empty entries");
    Path empty = write("empty.yaml", "");
    assertThatThrownBy(() -> NodeConfig.load(empty)).hasMessageContaining("empty");
    assertThatThrownBy(() -> NodeConfig.load(dir.resolve("absent.yaml"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void hostPortParsing() {
    assertThat(HostPort.parse("example.org:80")).isEqualTo(new HostPort("example.org", 80));
    assertThat(HostPort.parse("[::1]:9185")).isEqualTo(new HostPort("::1", 9185));
    assertThatThrownBy(() -> HostPort.parse("::1:9185")).hasMessageContaining("brackets");
    assertThatThrownBy(() -> HostPort.parse("host:0")).hasMessageContaining("1..65535");
    assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessageContaining("numeric port");
    assertThatThrownBy(() -> HostPort.parse(":80")).hasMessageContaining("not host:port");
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
