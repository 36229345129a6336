package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.ledger.LedgerReplica;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.http.tls.NetworkKeyPair;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The ledger verbs against a replica started from configuration files that {@code walrus ledger
 * genesis --replicas 1} wrote.
 */
class LedgerVerbsTest {
  @TempDir static Path dir;
  static LedgerReplica replica;
  static String url;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    int api = freePort();
    CliRun genesis = CliRun.run("ledger", "genesis", "--dir", dir.toString(), "--replicas", "1", "--network-name", "cli-test",
        "--api-port", String.valueOf(api), "--raft-port", String.valueOf(freePort()), "--epoch-duration", "10m",
        "--faucet-max", "100WAL");
    assertThat(genesis.exitCode()).as(genesis.err()).isZero();
    assertThat(genesis.out()).contains("wrote the genesis of network 'cli-test'").contains("r1.yaml");
    replica = LedgerReplica.start(dir.resolve("r1.yaml"));
    url = "http://127.0.0.1:" + api;
  }

  @AfterAll
  static void stop() {
    replica.close();
  }

  private static CliRun walrus(String wallet, String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--ledger";
    all[args.length + 1] = url;
    all[args.length + 2] = "--wallet";
    all[args.length + 3] = dir.resolve(wallet).toString();
    return CliRun.run(all);
  }

  @Test
  void walletFaucetTransferAndBalance() throws Exception {
    CliRun created = walrus("alice.key", "wallet", "new");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("created the wallet").contains("Address: 0x");
    assertThat(walrus("alice.key", "wallet", "new").err()).startsWith("Error: a wallet already exists");
    String alice = walrus("alice.key", "wallet", "address").out().trim();
    assertThat(alice).matches("0x[0-9a-f]{64}");

    CliRun faucet = walrus("alice.key", "get-wal", "--amount", "10WAL");
    assertThat(faucet.exitCode()).as(faucet.err()).isZero();
    assertThat(faucet.out()).contains("received 10 WAL (10000000000 FROST) from the faucet");

    walrus("bob.key", "wallet", "new");
    String bob = walrus("bob.key", "wallet", "address").out().trim();
    CliRun sent = walrus("alice.key", "transfer", "--to", bob, "--amount", "1.5WAL");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("sent 1.5 WAL");

    CliRun balance = walrus("bob.key", "wallet", "balance");
    assertThat(balance.out()).contains("Balance: 1.5 WAL (1500000000 FROST)").contains("Next sequence number: 0");
    JsonNode json = LedgerJson.mapper().readTree(walrus("alice.key", "--json", "wallet", "balance").out());
    assertThat(json.get("balance").asLong()).isEqualTo(8_500_000_000L);
    assertThat(json.get("nextSequence").asLong()).isEqualTo(2);

    JsonNode transfer = LedgerJson.mapper().readTree(walrus("alice.key", "transfer", "--json", "--to", bob, "--amount", "7").out());
    assertThat(transfer.get("status").asString()).isEqualTo("SUCCESS");
    assertThat(transfer.get("events").get(0).get("event").get("type").asString()).isEqualTo("WalTransferred");
  }

  @Test
  void infoShowsTheSystemParameters() throws Exception {
    CliRun info = walrus("none.key", "info");
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(info.out()).contains("Current epoch: 0").contains("Epoch duration: 10m").contains("Number of shards: 10")
        .contains("Storage unit: 1.00 MiB").contains("Faucet: up to 100 WAL per request");
    JsonNode json = LedgerJson.mapper().readTree(walrus("none.key", "info", "--json").out());
    assertThat(json.get("storageInfo").get("nShards").asInt()).isEqualTo(10);
    assertThat(json.get("networkName").asString()).isEqualTo("cli-test");
    // Walrus's subcommands print one section each; `all` adds the committee.
    CliRun epoch = walrus("none.key", "info", "epoch");
    assertThat(epoch.exitCode()).as(epoch.err()).isZero();
    assertThat(epoch.out()).contains("Current epoch: 0").doesNotContain("Number of shards");
    assertThat(walrus("none.key", "info", "storage").out()).contains("Number of shards: 10").doesNotContain("Current epoch");
    assertThat(walrus("none.key", "info", "size").out()).contains("Storage unit: 1.00 MiB").doesNotContain("FROST");
    assertThat(walrus("none.key", "info", "price").out()).contains("Price per encoded storage unit")
        .contains("Faucet: up to 100 WAL").doesNotContain("Storage unit");
    CliRun all = walrus("none.key", "info", "all");
    assertThat(all.out()).contains("Current epoch: 0").contains("Number of shards: 10").contains("Committee of epoch 0");
    JsonNode committee = LedgerJson.mapper().readTree(walrus("none.key", "info", "committee", "--json").out());
    assertThat(committee.get("epoch").asInt()).isZero();
    assertThat(committee.get("members").isArray()).isTrue();
    // The ledger may be named before the subcommand as well.
    assertThat(CliRun.run("info", "--ledger", url, "epoch").out()).contains("Current epoch: 0");
    // Walrus's BFT figures: n = 10 shards tolerate f = 3 faulty ones.
    JsonNode bft = LedgerJson.mapper().readTree(walrus("none.key", "info", "bft", "--json").out());
    assertThat(bft.get("maxFaultyShards").asInt()).isEqualTo(3);
    assertThat(bft.get("quorumThreshold").asInt()).isEqualTo(7);
    assertThat(bft.get("minCorrectShards").asInt()).isEqualTo(7);
    assertThat(walrus("none.key", "info", "bft").out()).contains("Tolerated faults (f): 3")
        .contains("Quorum threshold (2f+1): 7").contains("Minimum number of nodes to get above f:");
    // The fewest nodes holding more than f shards, the largest first: 300 ≤ 333 < 300 + 300.
    assertThat(InfoBftCommand.of(1000, List.of(100, 300, 200, 300, 100)))
        .isEqualTo(new InfoBftCommand.Output(333, 667, 667, 2, 600));
    assertThat(InfoBftCommand.of(1000, List.of(400, 600))).isEqualTo(new InfoBftCommand.Output(333, 667, 667, 1, 600));
  }

  @Test
  void nodeVerbsAndBadInputAreOneLineErrors() throws Exception {
    walrus("carol.key", "wallet", "new");
    walrus("carol.key", "get-wal");
    CliRun stake = walrus("carol.key", "stake", "--node-id", "0x" + "11".repeat(32), "--amount", "1WAL");
    assertThat(stake.exitCode()).isEqualTo(1);
    assertThat(stake.err()).startsWith("Error: the ledger aborted the transaction (").contains("only the fee was charged");
    assertThat(stake.err().lines().count()).isEqualTo(1);

    Path bls = dir.resolve("node/bls.key");
    String networkKey = Base64.getEncoder().encodeToString(NetworkKeyPair.generate().publicKeyBytes());
    CliRun notP256 = walrus("carol.key", "node", "register", "--name", "n1", "--network-address", "127.0.0.1:1",
        "--bls-key", bls.toString(), "--new-bls-key", "--network-public-key",
        Base64.getEncoder().encodeToString(new byte[33]));
    assertThat(notP256.err()).isEqualTo("Error: --network-public-key is not a P-256 public key: a compressed P-256 point"
        + " starts with 0x02 or 0x03, not 0x00\n");
    Path oldNetworkKey = Files.writeString(dir.resolve("old-network.key"),
        Base64.getEncoder().encodeToString(new byte[32]) + "\n");
    CliRun oldKey = walrus("carol.key", "node", "register", "--name", "n1", "--network-address", "127.0.0.1:1",
        "--bls-key", bls.toString(), "--new-bls-key", "--network-key", oldNetworkKey.toString());
    assertThat(oldKey.err()).startsWith("Error: " + oldNetworkKey + " is not a valid P-256 network key file")
        .contains("walrus node init");
    assertThat(oldKey.err().lines().count()).isEqualTo(1);
    assertThat(Files.exists(bls)).as("nothing was created for a refused registration").isFalse();
    CliRun noKey = walrus("carol.key", "node", "register", "--name", "n1", "--network-address", "127.0.0.1:1",
        "--bls-key", bls.toString(), "--network-public-key", networkKey);
    assertThat(noKey.err()).startsWith("Error: no BLS key file");
    assertThat(walrus("carol.key", "node", "vote", "--storage-price", "5").err())
        .isEqualTo("Error: the wallet owns no StorageNodeCap (register a node first, or give --node-cap)\n");
    Files.createDirectories(dir.resolve("node"));
    NetworkKeyPair.generate().write(dir.resolve("node/network.key"));
    CliRun register = walrus("carol.key", "node", "register", "--name", "n1", "--network-address", "127.0.0.1:1",
        "--bls-key", bls.toString(), "--new-bls-key", "--network-public-key", networkKey);
    assertThat(register.exitCode()).as(register.err()).isZero();
    assertThat(register.out()).containsPattern("registered node 'n1' with node ID 0x[0-9a-f]{64} \\(give it to"
        + " 'walrus stake --node-id'\\); its capability 0x[0-9a-f]{64} is in the wallet");
    assertThat(Files.exists(bls)).isTrue();
    CliRun vote = walrus("carol.key", "node", "vote", "--storage-price", "5");
    assertThat(vote.exitCode()).as(vote.err()).isZero();
    // Walrus's node-admin verbs: the registrant receives the commission until it authorizes another address.
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("node ID (0x[0-9a-f]{64})").matcher(register.out());
    assertThat(id.find()).isTrue();
    String nodeId = id.group(1);
    CliRun collect = walrus("carol.key", "node-admin", "collect-commission", "--node-id", nodeId);
    assertThat(collect.exitCode()).as(collect.err()).isZero();
    assertThat(collect.out()).contains("collected 0 WAL (0 FROST) of commission");
    String other = "0x" + "ab".repeat(32);
    CliRun receiver = walrus("carol.key", "node-admin", "set-commission-authorized", "--node-id", nodeId, "--address", other);
    assertThat(receiver.exitCode()).as(receiver.err()).isZero();
    assertThat(receiver.out()).contains("the commission receiver is now " + other);
    CliRun notReceiver = walrus("carol.key", "node-admin", "collect-commission", "--node-id", nodeId);
    assertThat(notReceiver.err()).startsWith("Error: the ledger aborted the transaction (");
    assertThat(notReceiver.err().lines().count()).isEqualTo(1);
    JsonNode governance = LedgerJson.mapper().readTree(walrus("carol.key", "node-admin", "set-governance-authorized",
        "--node-id", nodeId, "--address", other, "--json").out());
    assertThat(governance.get("status").asString()).isEqualTo("SUCCESS");
    assertThat(walrus("carol.key", "node-admin", "set-governance-authorized", "--node-id", nodeId, "--object", nodeId).err())
        .isEqualTo("Error: the ledger authorizes addresses only: use --address instead of --object\n");
    CliRun twice = walrus("carol.key", "node", "register", "--name", "n".repeat(101), "--network-address", "127.0.0.1:1",
        "--bls-key", bls.toString(), "--network-key", dir.resolve("node/network.key").toString());
    assertThat(twice.err()).startsWith("Error: the ledger aborted the transaction (staking_pool::17)");
    assertThat(twice.err().lines().count()).isEqualTo(1);
    // Challenge governance: checked before anything is sent; a candidate outside the committee is refused by the ledger.
    assertThat(walrus("carol.key", "node", "penalty-propose", "--send-bp", "500", "--recv-bp", "1000", "--fail-bp", "2000",
        "--issue-bp", "100").err())
        .isEqualTo("Error: these penalties cannot be proposed: the sender's penalty must be at least the receiver's\n");
    CliRun propose = walrus("carol.key", "node", "penalty-propose", "--send-bp", "12000", "--recv-bp", "1000",
        "--fail-bp", "20000", "--issue-bp", "5000");
    assertThat(propose.exitCode()).isEqualTo(1);
    assertThat(propose.err()).startsWith("Error: the ledger aborted the transaction (").contains("only the fee was charged");
    assertThat(propose.err().lines().count()).isEqualTo(1);
    assertThat(walrus("carol.key", "node", "penalty-vote", "--proposal", "abcd").err())
        .isEqualTo("Error: --proposal must be a 32-byte digest, got 2 bytes\n");
    assertThat(walrus("carol.key", "node", "penalty-vote", "--proposal", "zz").err()).startsWith("Error: --proposal is not hex");
    assertThat(walrus("carol.key", "node", "penalty-vote", "--status-quo", "--proposal", "00".repeat(32)).err())
        .contains("mutually exclusive");
    CliRun vote2 = walrus("carol.key", "node", "penalty-vote", "--status-quo");
    assertThat(vote2.exitCode()).isEqualTo(1);
    assertThat(vote2.err()).startsWith("Error: the ledger aborted the transaction (");
    assertThat(walrus("carol.key", "node", "request-shard-recovery", "--shards", "3,-1").err())
        .isEqualTo("Error: --shards must be shard indices (0 or more)\n");
    CliRun recover = walrus("carol.key", "node", "request-shard-recovery", "--shards", "3,1,3");
    assertThat(recover.exitCode()).isEqualTo(1);
    assertThat(recover.err()).startsWith("Error: the ledger aborted the transaction (");
    CliRun params = walrus("carol.key", "challenges", "--params");
    assertThat(params.exitCode()).as(params.err()).isZero();
    assertThat(params.out()).contains("in force:   send 10000, receive 1000, fail 20000, not issuing 5000")
        .contains("Proposals: none this epoch");
    assertThat(walrus("carol.key", "transfer", "--to", "0x12", "--amount", "1").err()).startsWith("Error: invalid address");
    assertThat(walrus("carol.key", "transfer", "--to", "0x" + "00".repeat(32), "--amount", "-1").err())
        .isEqualTo("Error: amount '-1' must be positive\n");
    assertThat(walrus("nobody.key", "get-wal").err()).startsWith("Error: no wallet at");
    CliRun unreachable = CliRun.run("info", "--ledger", "http://127.0.0.1:1");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("Error: no ledger replica could serve the request");
    assertThat(CliRun.run("info", "--ledger", "ftp://x", "--config", dir.resolve("none.yaml").toString()).err())
        .startsWith("Error: ");
  }

  @Test
  void amountsAndDurations() {
    assertThat(Amounts.parse("1.5WAL")).isEqualTo(1_500_000_000L);
    assertThat(Amounts.parse("2 wal")).isEqualTo(2_000_000_000L);
    assertThat(Amounts.parse("1234")).isEqualTo(1234);
    assertThat(Amounts.wal(1_500_000_000L)).isEqualTo("1.5 WAL");
    assertThat(LedgerCommand.durationMs("14d")).isEqualTo(14 * 86_400_000L);
    assertThat(LedgerCommand.durationMs("500ms")).isEqualTo(500);
    assertThat(InfoCommand.duration(14 * 86_400_000L)).isEqualTo("14days");
  }
}
