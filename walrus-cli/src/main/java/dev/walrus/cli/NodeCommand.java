package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.config.KeyFiles;
import dev.walrus.http.tls.NetworkKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code walrus node register|vote|set-commission|penalty-propose|penalty-vote|request-shard-recovery}:
 * a storage node operator's ledger operations.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Set up, run and register a storage node; manage its pool (operators).",
    subcommands = {NodeRunCommands.Init.class, NodeRunCommands.Run.class, NodeCommand.Register.class,
        NodeCommand.Vote.class, NodeCommand.SetCommission.class, NodeCommand.PenaltyPropose.class,
        NodeCommand.PenaltyVote.class, NodeCommand.RequestShardRecovery.class, NodeStatusCommand.class})
final class NodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (init, run, register, vote, set-commission, penalty-propose, penalty-vote,"
        + " request-shard-recovery or status)");
  }

  @Command(name = "register", description = "Register the wallet as a storage-node candidate (creates its pool and node cap).")
  static final class Register extends LedgerVerb {
    @Option(names = "--name", required = true, description = "The node's name (at most 100 bytes).")
    String name;

    @Option(names = "--network-address", required = true, paramLabel = "HOST:PORT",
        description = "Where clients reach the node (at most 259 bytes).")
    String networkAddress;

    @Option(names = "--bls-key", required = true, paramLabel = "FILE",
        description = "The node's BLS protocol key: base64 of the 32-byte secret key.")
    Path blsKey;

    @Option(names = "--new-bls-key", description = "Create the --bls-key file with a fresh key if it does not exist.")
    boolean newBlsKey;

    @ArgGroup(multiplicity = "1")
    NetworkKeyOption networkKey;

    /** The node's TLS key: clients and peers refuse the node unless its certificate carries it. */
    static final class NetworkKeyOption {
      @Option(names = "--network-key", paramLabel = "FILE",
          description = "The node's P-256 network key file (network.key from 'walrus node init'); its public key is registered.")
      Path file;

      @Option(names = "--network-public-key", paramLabel = "BASE64",
          description = "The node's P-256 network public key: 33 bytes (compressed point), base64.")
      String base64;

      byte[] publicKey() throws java.io.IOException {
        if (file != null) {
          return KeyFiles.readNetworkKey(file).publicKeyBytes();
        }
        byte[] key = decode(base64, "--network-public-key");
        try {
          NetworkKeyPair.decodePublicKey(key);
        } catch (IllegalArgumentException e) {
          throw new CliException("--network-public-key is not a P-256 public key: " + e.getMessage());
        }
        return key;
      }
    }

    @Option(names = "--commission-rate", defaultValue = "0", paramLabel = "BP",
        description = "Commission in basis points, 0-10000 (default: ${DEFAULT-VALUE}).")
    int commissionRate;

    @Option(names = "--storage-price", defaultValue = "100000", paramLabel = "FROST",
        description = "Storage price vote, FROST per MiB per epoch (default: ${DEFAULT-VALUE}).")
    long storagePrice;

    @Option(names = "--write-price", defaultValue = "20000", paramLabel = "FROST",
        description = "Write price vote, FROST per MiB (default: ${DEFAULT-VALUE}).")
    long writePrice;

    @Option(names = "--capacity", defaultValue = "1099511627776", paramLabel = "BYTES",
        description = "Capacity vote in bytes (default: ${DEFAULT-VALUE}, 1 TiB).")
    long capacity;

    @Override
    public Integer call() throws Exception {
      if (commissionRate < 0 || commissionRate > 10_000) {
        throw new CliException("--commission-rate must be 0 to 10000 basis points");
      }
      byte[] networkKey = this.networkKey.publicKey();
      BlsKeyPair bls = blsKey(blsKey, newBlsKey);
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        int epoch = client.system().epochInfo().currentEpoch();
        BlsSignature pop = ProofOfPossession.create(bls, epoch, key.publicKey().toAddress());
        TransactionEffects e = execute(client, key, new Operation.RegisterCandidate(name, networkAddress,
            bls.publicKey(), networkKey, pop, commissionRate, storagePrice, writePrice, capacity));
        report(e, "registered node '" + name + "'" + createdIds(client, e));
      }
      return 0;
    }
  }

  @Command(name = "vote", description = "Set the node's votes on prices and capacity (one transaction per vote).")
  static final class Vote extends LedgerVerb {
    @Option(names = "--node-cap", paramLabel = "ID", description = "The StorageNodeCap (default: the wallet's only one).")
    String nodeCap;

    @Option(names = "--storage-price", paramLabel = "FROST", description = "FROST per MiB per epoch.")
    Long storagePrice;

    @Option(names = "--write-price", paramLabel = "FROST", description = "FROST per MiB written.")
    Long writePrice;

    @Option(names = "--capacity", paramLabel = "BYTES", description = "Total capacity the node votes for.")
    Long capacity;

    @Override
    public Integer call() throws Exception {
      if (storagePrice == null && writePrice == null && capacity == null) {
        throw new CliException("nothing to vote on: give --storage-price, --write-price and/or --capacity");
      }
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        ObjectId cap = nodeCap(client, key, nodeCap);
        List<Operation> votes = new ArrayList<>();
        if (storagePrice != null) {
          votes.add(new Operation.SetStoragePriceVote(cap, storagePrice));
        }
        if (writePrice != null) {
          votes.add(new Operation.SetWritePriceVote(cap, writePrice));
        }
        if (capacity != null) {
          votes.add(new Operation.SetNodeCapacityVote(cap, capacity));
        }
        for (Operation op : votes) {
          report(execute(client, key, op), "voted " + op);
        }
      }
      return 0;
    }
  }

  @Command(name = "set-commission", description = "Set the pool's commission rate (takes effect two epochs later).")
  static final class SetCommission extends NodeCapVerb {
    @Option(names = "--rate", required = true, paramLabel = "BP", description = "Commission in basis points, 0-10000.")
    int rate;

    @Override
    public Integer call() throws Exception {
      if (rate < 0 || rate > 10_000) {
        throw new CliException("--rate must be 0 to 10000 basis points");
      }
      submit(cap -> new Operation.SetNextCommission(cap, rate), e -> "set the next commission to " + rate + " bp");
      return 0;
    }
  }

  @Command(name = "penalty-propose", description = {
      "Propose new penalty sizes (committee members; spec/challenges.md §8.6).",
      "Members vote with 'walrus node penalty-vote'; 'walrus challenges --params' lists proposals and votes."})
  static final class PenaltyPropose extends NodeCapVerb {
    @Option(names = "--send-bp", required = true, paramLabel = "BP",
        description = "A shard's previous owner that did not hand it over, in bp of the per-shard reward.")
    int sendBp;

    @Option(names = "--recv-bp", required = true, paramLabel = "BP",
        description = "A receiver that had to recover a shard instead, in bp of the per-shard reward.")
    int recvBp;

    @Option(names = "--fail-bp", required = true, paramLabel = "BP",
        description = "A node that failed at least half its shards' challenges, in bp of the per-shard reward.")
    int failBp;

    @Option(names = "--issue-bp", required = true, paramLabel = "BP",
        description = "A node that did not challenge its peers, in bp of the per-shard reward.")
    int issueBp;

    @Option(names = "--floor", defaultValue = "0", paramLabel = "FROST",
        description = "The least each penalty costs per shard (default: ${DEFAULT-VALUE}).")
    long floorFrost;

    @Override
    public Integer call() throws Exception {
      PenaltyParams params = new PenaltyParams(sendBp, recvBp, failBp, issueBp, floorFrost);
      String violation = params.violation();
      if (violation != null) {
        throw new CliException("these penalties cannot be proposed: " + violation);
      }
      String digest = HexFormat.of().formatHex(params.digest());
      submit(cap -> new Operation.PenaltyPropose(cap, params), e -> "proposed penalties of "
          + ChallengesCommand.penalties(params) + " bp; members vote for it with 'walrus node penalty-vote --proposal "
          + digest + "'");
      return 0;
    }
  }

  @Command(name = "penalty-vote", description = {
      "Vote for a penalty proposal of this epoch, or for keeping the penalties as they are.",
      "A later vote replaces the node's earlier one; a proposal backed by a quorum applies from the next epoch."})
  static final class PenaltyVote extends NodeCapVerb {
    @picocli.CommandLine.ArgGroup(multiplicity = "1")
    Choice choice;

    static final class Choice {
      @Option(names = "--proposal", paramLabel = "DIGEST",
          description = "The proposal's digest (hex, as 'walrus challenges --params' shows it).")
      String proposal;

      @Option(names = "--status-quo", description = "Vote for keeping the penalties in force.")
      boolean statusQuo;
    }

    @Override
    public Integer call() throws Exception {
      Optional<byte[]> proposal = Optional.empty();
      if (choice.proposal != null) {
        byte[] digest;
        try {
          digest = HexFormat.of().parseHex(choice.proposal.startsWith("0x") ? choice.proposal.substring(2) : choice.proposal);
        } catch (IllegalArgumentException e) {
          throw new CliException("--proposal is not hex: " + e.getMessage());
        }
        if (digest.length != 32) {
          throw new CliException("--proposal must be a 32-byte digest, got " + digest.length + " bytes");
        }
        proposal = Optional.of(digest);
      }
      Optional<byte[]> vote = proposal;
      submit(cap -> new Operation.PenaltyVote(cap, vote),
          e -> vote.isPresent() ? "voted for proposal " + choice.proposal : "voted for the status quo");
      return 0;
    }
  }

  @Command(name = "request-shard-recovery", description = {
      "Tell the ledger this node lost shards it owns and pays for their recovery (spec/challenges.md §8.5).",
      "Its shards are then not challenged while it recovers them from the committee."})
  static final class RequestShardRecovery extends NodeCapVerb {
    @Option(names = "--shards", required = true, split = ",", paramLabel = "SHARD[,SHARD...]",
        description = "The lost shards (comma-separated indices).")
    List<Integer> shards;

    @Override
    public Integer call() throws Exception {
      if (shards.stream().anyMatch(s -> s < 0)) {
        throw new CliException("--shards must be shard indices (0 or more)");
      }
      List<Integer> distinct = shards.stream().distinct().sorted().toList();
      submit(cap -> new Operation.ShardRequestRecovery(cap, distinct), e -> "requested the recovery of shards " + distinct);
      return 0;
    }
  }

  /** A verb that runs one transaction with the operator's StorageNodeCap. */
  abstract static class NodeCapVerb extends LedgerVerb {
    @Option(names = "--node-cap", paramLabel = "ID", description = "The StorageNodeCap (default: the wallet's only one).")
    String nodeCap;

    /** Builds the operation for the cap, runs it and reports {@code text} of its effects. */
    void submit(Function<ObjectId, Operation> op, Function<TransactionEffects, String> text) throws IOException {
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        TransactionEffects e = execute(client, key, op.apply(nodeCap(client, key, nodeCap)));
        report(e, text.apply(e));
      }
    }
  }

  /**
   * What a registration created, named: the node ID (which {@code stake --node-id} takes) and the
   * capability the wallet now holds. Listing bare object IDs left an operator guessing which is which.
   */
  private static String createdIds(LedgerClient client, TransactionEffects e) {
    for (ObjectId id : e.created()) {
      ObjectView v;
      try {
        v = client.object(id);
      } catch (RuntimeException notAnObject) {
        continue; // the node itself lives in the staking tables, not among owned objects
      }
      if (v.type().equals("StorageNodeCap")) {
        return " with node ID " + ObjectId.parse(v.fields().path("nodeId").asString())
            + " (give it to 'walrus stake --node-id'); its capability " + id + " is in the wallet";
      }
    }
    return e.created().isEmpty() ? "" : "; created " + e.created();
  }

  /** {@code --node-cap}, or the one StorageNodeCap the wallet owns. */
  static ObjectId nodeCap(LedgerClient client, Ed25519KeyPair key, String given) {
    if (given != null) {
      return WalletCommand.parse(given, ObjectId::parse);
    }
    List<ObjectId> caps = client.account(key.publicKey().toAddress()).objects().stream()
        .filter(o -> o.type().equals("StorageNodeCap")).map(ObjectView::id).toList();
    if (caps.size() != 1) {
      throw new CliException(caps.isEmpty()
          ? "the wallet owns no StorageNodeCap (register a node first, or give --node-cap)"
          : "the wallet owns " + caps.size() + " StorageNodeCaps; choose one with --node-cap");
    }
    return caps.get(0);
  }

  /** Reads the BLS key file, or creates it when asked to. */
  static BlsKeyPair blsKey(Path file, boolean create) throws IOException {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      return BlsKeyPair.of(BlsPrivateKey.fromBytes(decode(text, file.toString())));
    } catch (NoSuchFileException e) {
      if (!create) {
        throw new CliException("no BLS key file " + file + " (add --new-bls-key to create one)");
      }
    } catch (RuntimeException e) {
      throw new CliException(file + " does not hold a BLS key: " + e.getMessage());
    }
    BlsKeyPair fresh = BlsKeyPair.generate();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, Base64.getEncoder().encodeToString(fresh.privateKey().bytes()) + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system.
    }
    return fresh;
  }

  private static byte[] decode(String base64, String what) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new CliException(what + " is not base64: " + e.getMessage());
    }
  }
}
