package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code walrus node register|vote|set-commission}: a storage node operator's ledger operations. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Set up, run and register a storage node; manage its pool (operators).",
    subcommands = {NodeRunCommands.Init.class, NodeRunCommands.Run.class, NodeCommand.Register.class,
        NodeCommand.Vote.class, NodeCommand.SetCommission.class, NodeStatusCommand.class})
final class NodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand (init, run, register, vote or set-commission)");
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

    @Option(names = "--network-public-key", required = true, paramLabel = "BASE64",
        description = "The node's TLS network public key (33 bytes, base64).")
    String networkPublicKey;

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
      byte[] networkKey = decode(networkPublicKey, "--network-public-key");
      if (networkKey.length != 33) {
        throw new CliException("--network-public-key must be 33 bytes, got " + networkKey.length);
      }
      BlsKeyPair bls = blsKey(blsKey, newBlsKey);
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        int epoch = client.system().epochInfo().currentEpoch();
        BlsSignature pop = ProofOfPossession.create(bls, epoch, key.publicKey().toAddress());
        TransactionEffects e = execute(client, key, new Operation.RegisterCandidate(name, networkAddress,
            bls.publicKey(), networkKey, pop, commissionRate, storagePrice, writePrice, capacity));
        report(e, "registered node '" + name + "'" + (e.created().isEmpty() ? "" : "; created " + e.created()));
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
  static final class SetCommission extends LedgerVerb {
    @Option(names = "--node-cap", paramLabel = "ID", description = "The StorageNodeCap (default: the wallet's only one).")
    String nodeCap;

    @Option(names = "--rate", required = true, paramLabel = "BP", description = "Commission in basis points, 0-10000.")
    int rate;

    @Override
    public Integer call() throws Exception {
      if (rate < 0 || rate > 10_000) {
        throw new CliException("--rate must be 0 to 10000 basis points");
      }
      Ed25519KeyPair key = ledger.key();
      try (LedgerClient client = ledger.client()) {
        ObjectId cap = nodeCap(client, key, nodeCap);
        report(execute(client, key, new Operation.SetNextCommission(cap, rate)), "set the next commission to " + rate + " bp");
      }
      return 0;
    }
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
