package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.LedgerReplica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code walrus ledger genesis --replicas 1 --https}: the replica serves its API over HTTPS with a
 * certificate of its key, the client configuration written pins that key and the verbs use it; a
 * configuration pinning another key gets one clear line, not a stack trace.
 */
class LedgerHttpsCliTest {
  @TempDir Path dir;

  @Test
  void theVerbsSpeakPinnedHttpsToAReplicaSetUpWithHttps() throws Exception {
    int api = LedgerVerbsTest.freePort();
    CliRun genesis = CliRun.run("ledger", "genesis", "--dir", dir.toString(), "--replicas", "1", "--https",
        "--network-name", "https-test", "--api-port", String.valueOf(api), "--raft-port",
        String.valueOf(LedgerVerbsTest.freePort()), "--epoch-duration", "10m");
    assertThat(genesis.exitCode()).as(genesis.err()).isZero();
    Path clientConfig = dir.resolve("client_config.yaml");
    assertThat(Files.readString(clientConfig)).contains("https://127.0.0.1:" + api).contains("ledgerKeys");
    assertThat(Files.readString(dir.resolve("r1.yaml"))).contains("https://127.0.0.1:" + api);

    try (LedgerReplica replica = LedgerReplica.start(dir.resolve("r1.yaml"))) {
      CliRun info = CliRun.run("info", "epoch", "--config", clientConfig.toString());
      assertThat(info.exitCode()).as(info.err()).isZero();
      assertThat(info.out()).contains("Current epoch: 0");

      String stranger = Base64.getEncoder().encodeToString(NetworkKeyPair.generate().publicKeyBytes());
      Path wrong = dir.resolve("wrong.yaml");
      Files.writeString(wrong, "ledgerUrls: [https://127.0.0.1:" + api + "]\nledgerKeys: [" + stranger + "]\n");
      CliRun refused = CliRun.run("info", "epoch", "--config", wrong.toString());
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err()).contains("not the key of any configured ledger replica").doesNotContain("\tat ");

      // A storage node set up against it pins the same keys.
      String key = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(clientConfig.toFile())
          .path("ledgerKeys").get(0).asString();
      CliRun init = CliRun.run("node", "init", "--dir", dir.resolve("node").toString(), "--name", "n1", "--ledger",
          "https://127.0.0.1:" + api, "--ledger-keys", key);
      assertThat(init.exitCode()).as(init.err()).isZero();
      assertThat(Files.readString(dir.resolve("node/node.yaml"))).contains("ledgerKeys").contains(key);
      CliRun badInit = CliRun.run("node", "init", "--dir", dir.resolve("bad-node").toString(), "--name", "n2",
          "--ledger", "https://127.0.0.1:" + api, "--ledger-keys", "AAAA");
      assertThat(badInit.exitCode()).isNotZero();
      assertThat(badInit.err()).contains("ledger key 'AAAA' is not the base64").doesNotContain("\tat ");

      Path malformed = dir.resolve("malformed.yaml");
      Files.writeString(malformed, "ledgerUrls: [https://127.0.0.1:" + api + "]\nledgerKeys: [AAAA]\n");
      CliRun bad = CliRun.run("info", "epoch", "--config", malformed.toString());
      assertThat(bad.exitCode()).isNotZero();
      assertThat(bad.err()).contains("ledgerKeys in " + malformed).doesNotContain("\tat ");
    }
  }
}
