package dev.walrus.ledger.replication;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PrivateKey;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.ledger.api.GenesisConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

/** Genesis files, configurations and keys for replica tests, with free loopback ports. */
public final class ReplicaFixtures {
  public static final long WAL = GenesisConfig.FROST_PER_WAL;

  private ReplicaFixtures() {}

  public static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = (byte) (i >> 8);
    seed[31] = 11;
    return Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(seed));
  }

  /** A test network: {@code funded} keys get 1 000 000 WAL each, fee 0, faucet on, 10 shards. */
  public static GenesisConfig genesis(int funded) {
    TreeMap<Address, Long> allocations = new TreeMap<>();
    for (int i = 0; i < funded; i++) {
      allocations.put(key(i).publicKey().toAddress(), 1_000_000 * WAL);
    }
    return new GenesisConfig("replica-test", 1_000_000, 10, 3_600_000, 3_600_000, 53, 150, 0, true, 1000 * WAL,
        key(60_000).publicKey().toAddress(), allocations);
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code n} peers on loopback with fresh ports, named r1..rn. */
  public static List<ReplicaConfig.Peer> peers(int n) {
    List<ReplicaConfig.Peer> peers = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      peers.add(new ReplicaConfig.Peer("r" + i, "127.0.0.1:" + freePort(), "http://127.0.0.1:" + freePort()));
    }
    return peers;
  }

  /**
   * {@code n} peers on loopback with fresh ports and Raft keys; replica {@code ri}'s key is written
   * to {@code keyDir/ri-raft-key.pem}.
   */
  public static List<ReplicaConfig.Peer> tlsPeers(int n, Path keyDir) throws IOException {
    List<ReplicaConfig.Peer> peers = new ArrayList<>();
    for (ReplicaConfig.Peer p : peers(n)) {
      NetworkKeyPair key = NetworkKeyPair.generate();
      key.write(keyDir.resolve(p.id() + "-raft-key.pem"));
      peers.add(new ReplicaConfig.Peer(p.id(), p.raftAddress(), p.apiUrl(),
          Base64.getEncoder().encodeToString(key.publicKeyBytes())));
    }
    return peers;
  }

  /** A configuration for {@code id} of {@code peers}, data under {@code root/id}. */
  public static ReplicaConfig config(Path root, String id, List<ReplicaConfig.Peer> peers, Path genesisFile,
      ReplicaConfig.RaftConfig raft) {
    return new ReplicaConfig(id, root.resolve(id).toString(), genesisFile.toString(), peers, null, raft,
        new ProposerConfig(200, 0, 0, 0, 0, 0), new EventLogConfig(0, 4096));
  }
}
