package dev.walrus.cli;

import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import dev.walrus.ledger.api.CostQuoteView;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.client.LedgerClient;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code walrus store FILES...}: stores each file as a blob, reusing the wallet's storage and
 * registrations first, and prints Walrus's result per file ({@code --json}: the array of {@code
 * {"blobStoreResult", "path"}}). Blobs that could not be stored make the exit code non-zero.
 */
@Command(name = "store", aliases = "write",
    description = "Store files as blobs: encode, register on the ledger, upload to the storage nodes, certify.")
final class StoreCommand extends BlobVerb {
  /** Walrus's default cap on the total size of one multi-file store. */
  static final long MAX_TOTAL_SIZE = 1L << 30;

  /** The file name that stands for standard input. */
  static final Path STDIN = Path.of("-");

  @Parameters(arity = "1..*", paramLabel = "FILES",
      description = "The files to store; '-' alone stores standard input (copied to a temporary file first).")
  List<Path> files;

  @ArgGroup(exclusive = true, multiplicity = "1")
  StoreLifetime lifetime;

  @ArgGroup(exclusive = true)
  Persistence persistence = new Persistence();

  static final class Persistence {
    @Option(names = "--permanent", description = "Store permanent blobs: they cannot be deleted before they expire.")
    boolean permanent;

    @Option(names = "--deletable", description = "Store deletable blobs (the default).")
    boolean deletable;
  }

  @Option(names = "--force", description = "Store even if the blob is already certified for long enough.")
  boolean force;

  @Option(names = "--ignore-resources",
      description = "Buy new storage instead of reusing the wallet's storage and registrations.")
  boolean ignoreResources;

  @Option(names = "--dry-run", description = "Only encode and show the blob IDs and costs; no ledger transaction.")
  boolean dryRun;

  @Option(names = "--share", description = "Wrap each new blob into a shared blob object (permanent blobs only).")
  boolean share;

  @Override
  public Integer call() throws Exception {
    VectorizationProvider.startWarmup();
    checkFiles();
    if (share && !persistence.permanent) {
      throw new CliException("only permanent blobs can be shared: add --permanent");
    }
    try (LedgerClient ledgerClient = ledger.client()) {
      SystemInfoView system = ledgerClient.system();
      int epochs = lifetime.epochsAhead(system);
      if (dryRun) {
        printDryRun(dryRun(ledgerClient, system, epochs));
        return 0;
      }
      List<StoreResult> results;
      try (WalrusClient client = walletClient(ledgerClient);
          ProgressBars.Upload bar = ProgressBars.upload(terminal(), json(),
              "Uploading " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " files"))) {
        StoreOptions options = StoreOptions.defaults().withEpochs(epochs).withDeletable(!persistence.permanent)
            .withForce(force).withReuseResources(!ignoreResources).withShare(share);
        options = bar != null ? options.withProgress(bar) : options;
        Thread interrupted = onInterrupt();
        try {
          results = files.equals(List.of(STDIN)) ? List.of(client.store(terminal().in(), options))
              : client.storeFiles(files, options);
        } finally {
          removeHook(interrupted);
        }
      }
      new StoreOutput(terminal()).print(files, results, json());
      long failed = results.stream().filter(r -> r.outcome() == StoreResult.Outcome.ERROR
          || r.outcome() == StoreResult.Outcome.MARKED_INVALID).count();
      if (failed > 0) {
        throw new CliException(failed + " of " + results.size() + " blob" + (results.size() == 1 ? " was" : "s were")
            + " not stored");
      }
    }
    return 0;
  }

  /**
   * Ctrl-C during a store: one line saying what became of it. Temporary files are unlinked when
   * created, so none is left; what was paid stays in the wallet, and the next store of the same
   * data reuses it.
   */
  private Thread onInterrupt() {
    boolean bar = ProgressBars.shown(terminal(), json());
    Thread hook = new Thread(() -> {
      if (bar) {
        terminal().err().println();
      }
      terminal().err().println("Error: interrupted; no temporary file is left, and storing the same data again "
          + "reuses the storage and registration already paid for");
      terminal().err().flush();
    }, "store-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs
    }
  }

  /** Every file is a readable regular file, and several files stay within Walrus's total cap. */
  private void checkFiles() throws Exception {
    if (files.contains(STDIN)) {
      if (files.size() > 1) {
        throw new CliException("'-' (standard input) must be the only file of a store");
      }
      if (dryRun) {
        throw new CliException("--dry-run needs files, not standard input");
      }
      return;
    }
    long total = 0;
    for (Path f : files) {
      if (Files.isDirectory(f)) {
        throw new CliException("'" + f + "' is a directory, not a file");
      }
      if (!Files.isRegularFile(f)) {
        throw new NoSuchFileException(f.toString());
      }
      if (!Files.isReadable(f)) {
        throw new AccessDeniedException(f.toString());
      }
      total += Files.size(f);
    }
    if (files.size() > 1 && total > MAX_TOTAL_SIZE) {
      throw new CliException("total size of all blobs (" + total + " B) exceeds the maximum of " + MAX_TOTAL_SIZE
          + " B per store; store them in several calls");
    }
  }

  /** Walrus's {@code DryRunOutput}: what storing each file as a new blob would cost. */
  record DryRun(
      String path, String blobId, long unencodedSize, long encodedSize, long storageCost, String encodingType) {}

  private List<DryRun> dryRun(LedgerClient ledgerClient, SystemInfoView system, int epochs) throws Exception {
    EncodingConfig config = EncodingConfig.forShards(system.storageInfo().nShards());
    List<DryRun> out = new ArrayList<>();
    for (Path f : files) {
      BlobIdCommand.BlobIdOutput id = BlobIdCommand.blobId(f, f.toString(), config);
      CostQuoteView quote = ledgerClient.cost(id.unencodedLength(), epochs);
      out.add(new DryRun(f.toString(), id.blobId(), id.unencodedLength(), quote.encodedSize(), quote.totalCost(),
          id.encodingType()));
    }
    return out;
  }

  private void printDryRun(List<DryRun> runs) {
    if (json()) {
      Json.print(out(), runs);
      return;
    }
    for (DryRun r : runs) {
      out().println(terminal().success() + " Store dry-run succeeded.");
      out().println("Path: " + r.path());
      out().println("Blob ID: " + r.blobId());
      out().println("Encoding type: " + r.encodingType());
      out().println("Unencoded size: " + InfoCommand.bytes(r.unencodedSize()));
      out().println("Encoded size (including replicated metadata): " + InfoCommand.bytes(r.encodedSize()));
      out().println("Cost to store as new blob (excluding transaction fees): " + Amounts.wal(r.storageCost()));
      out().println();
    }
  }
}
