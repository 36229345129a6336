package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Walrus's verbs on Blob, shared-blob and StakedWal objects that are one ledger operation each:
 * {@code share}, {@code fund-shared-blob}, {@code burn-blobs}, {@code list-staked-wal}.
 */
final class BlobObjectCommands {
  private BlobObjectCommands() {}

  @Command(name = "share", description = "Turn a Blob object the wallet owns into a shared blob that anyone may"
      + " extend, optionally funding its extensions.")
  static final class Share extends LedgerVerb {
    @Option(names = "--blob-obj-id", required = true, paramLabel = "ID", description = "The Blob object.")
    String blobObjId;

    @Option(names = "--amount", defaultValue = "0", paramLabel = "AMOUNT",
        description = "WAL put into the shared blob's funds, e.g. 1WAL or a number of FROST (default: none).")
    String amount;

    record Output(ObjectId sharedBlobObjectId, long amount) {}

    @Override
    public Integer call() throws Exception {
      ObjectId id = WalletCommand.parse(blobObjId, ObjectId::parse);
      long frost = amount.equals("0") ? 0 : WalletCommand.parse(amount, Amounts::parse);
      try (LedgerClient client = ledger.client()) {
        TransactionEffects e = execute(client, ledger.key(), new Operation.ShareBlob(id, frost));
        ObjectId shared = e.created().isEmpty() ? id : e.created().getFirst();
        if (json()) {
          Json.print(out(), new Output(shared, frost));
        } else {
          out().println(terminal().success() + " The blob has been shared: shared blob object " + shared
              + (frost > 0 ? ", funded with " + Amounts.wal(frost) : "") + " (" + where(e) + ")");
        }
      }
      return 0;
    }
  }

  @Command(name = "fund-shared-blob", description = "Add WAL to a shared blob's funds, which pay its extensions.")
  static final class Fund extends LedgerVerb {
    @Option(names = "--shared-blob-obj-id", required = true, paramLabel = "ID", description = "The shared blob.")
    String sharedBlobObjId;

    @Option(names = "--amount", required = true, paramLabel = "AMOUNT", description = "e.g. 1WAL or FROST.")
    String amount;

    @Override
    public Integer call() throws Exception {
      ObjectId id = WalletCommand.parse(sharedBlobObjId, ObjectId::parse);
      long frost = WalletCommand.parse(amount, Amounts::parse);
      try (LedgerClient client = ledger.client()) {
        report(execute(client, ledger.key(), new Operation.FundSharedBlob(id, frost)),
            "funded the shared blob " + id + " with " + Amounts.wal(frost));
      }
      return 0;
    }
  }

  @Command(name = "burn-blobs", description = "Burn Blob objects the wallet owns: the objects go, the data stays"
      + " stored until it expires (unlike delete).")
  static final class Burn extends LedgerVerb {
    static final class Which {
      @Option(names = "--object-ids", split = ",", paramLabel = "ID[,ID…]", description = "The Blob objects.")
      List<String> objectIds;

      @Option(names = "--all-expired", description = "Every Blob object of the wallet whose storage has ended.")
      boolean allExpired;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    record Output(List<ObjectId> burned) {}

    @Override
    public Integer call() throws Exception {
      try (LedgerClient client = ledger.client()) {
        List<ObjectId> ids = which.objectIds != null
            ? which.objectIds.stream().map(s -> WalletCommand.parse(s, ObjectId::parse)).distinct().toList()
            : expired(client);
        if (ids.isEmpty()) {
          out().println("No blob objects to burn.");
          return 0;
        }
        if (ids.size() > Operation.Batch.MAX_OPERATIONS) {
          throw new CliException("at most " + Operation.Batch.MAX_OPERATIONS + " blob objects per call, not "
              + ids.size());
        }
        if (!yes && !json() && !confirmed(ids)) {
          out().println("Cancelled.");
          return 1;
        }
        List<Operation> ops = ids.stream().map(id -> (Operation) new Operation.BurnBlob(id)).toList();
        TransactionEffects e = execute(client, ledger.key(), ops.size() == 1 ? ops.getFirst() : new Operation.Batch(ops));
        if (json()) {
          Json.print(out(), new Output(ids));
        } else {
          out().println(terminal().success() + " burned " + ids.size() + " blob object(s) (" + where(e) + ")");
        }
      }
      return 0;
    }

    private List<ObjectId> expired(LedgerClient client) throws Exception {
      int epoch = client.system().epochInfo().currentEpoch();
      return client.account(ledger.key().publicKey().toAddress()).objects().stream()
          .filter(o -> o.type().equals("BlobObject"))
          .filter(o -> o.fields().path("storage").path("endEpoch").asInt(Integer.MAX_VALUE) <= epoch)
          .map(ObjectView::id).toList();
    }

    private boolean confirmed(List<ObjectId> ids) throws Exception {
      out().println("These blob objects will be burned (their data stays stored until it expires):");
      ids.forEach(id -> out().println(id));
      out().println("Do you want to proceed? [y/N]");
      out().flush();
      String answer = new BufferedReader(new InputStreamReader(terminal().in(), StandardCharsets.UTF_8)).readLine();
      return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
  }

  @Command(name = "list-staked-wal", description = "List the wallet's StakedWal objects: pool, principal, epochs.")
  static final class ListStakedWal extends LedgerVerb {
    @Override
    public Integer call() throws Exception {
      List<ObjectView> staked;
      try (LedgerClient client = ledger.client()) {
        staked = client.account(ledger.key().publicKey().toAddress()).objects().stream()
            .filter(o -> o.type().equals("StakedWal")).toList();
      }
      if (json()) {
        Json.print(out(), staked);
        return 0;
      }
      if (staked.isEmpty()) {
        out().println("The wallet holds no staked WAL.");
        return 0;
      }
      for (ObjectView o : staked) {
        tools.jackson.databind.JsonNode f = o.fields();
        tools.jackson.databind.JsonNode withdraw = f.path("withdrawEpoch");
        out().println(o.id() + "  node " + f.path("nodeId").asString("?") + "  principal "
            + Amounts.wal(f.path("principal").asLong()) + "  active from epoch " + f.path("activationEpoch").asInt()
            + (withdraw.isNumber() ? "  withdrawable at epoch " + withdraw.asInt() : ""));
      }
      return 0;
    }
  }
}
