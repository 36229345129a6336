package dev.walrus.cli;

import dev.walrus.client.BlobObject;
import dev.walrus.client.ReadOptions;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.WalrusException;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.ledger.client.LedgerClient;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code walrus read BLOB_ID}: the blob's bytes to standard output, or to {@code --out FILE};
 * with {@code --json}, Walrus's {@code {"out"?, "blobId", "blob"?: base64}} (the bytes only
 * without {@code --out}, and, as in Walrus, not for an empty blob).
 */
@Command(name = "read", description = "Read a blob from the storage nodes and write it to standard output or a file.")
final class ReadCommand extends BlobVerb {
  @Parameters(paramLabel = "BLOB_ID", description = "The blob ID (43 characters of URL-safe base64).")
  String blobId;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the blob to this file instead of standard output.")
  Path out;

  @ArgGroup(exclusive = true)
  Check check = new Check();

  static final class Check {
    @Option(names = "--strict-consistency-check",
        description = "Re-encode the whole blob and compare its blob ID (slower; the check before Walrus 1.37).")
    boolean strict;

    @Option(names = "--skip-consistency-check",
        description = "Skip the consistency check (slivers are still verified); only for blobs of trusted writers.")
    boolean skip;

    ReadOptions options() {
      return ReadOptions.defaults().withConsistencyCheck(
          strict ? ConsistencyCheck.STRICT : skip ? ConsistencyCheck.SKIP : ConsistencyCheck.DEFAULT);
    }
  }

  /** Walrus's {@code ReadOutput}. */
  record Output(String out, BlobId blobId, String blob) {}

  @Override
  public Integer call() throws Exception {
    BlobId id = blobId(blobId);
    ReadOptions options = check.options();
    try (LedgerClient ledgerClient = ledger.client(); WalrusClient client = readClient(ledgerClient)) {
      if (out == null && json()) {
        byte[] data = client.read(id, options);
        Json.print(out(), new Output(null, id, data.length == 0 ? null : Base64.getEncoder().encodeToString(data)));
        return 0;
      }
      long size = ProgressBars.shown(terminal(), json()) ? size(ledgerClient, id) : -1;
      if (out == null) {
        out().flush();
        try (OutputStream stdout = ProgressBars.download(terminal(), json(), "Reading blob", size,
            nonClosing(terminal().binaryOut()))) {
          client.read(id, stdout, options);
        }
        return 0;
      }
      if (size >= 0) {
        readWithBar(client, id, options, size);
      } else {
        client.read(id, out, options);
      }
    }
    if (json()) {
      Json.print(out(), new Output(out.toString(), id, null));
    } else {
      out().println(terminal().success() + " Blob " + id + " reconstructed from Walrus and written to " + out + ".");
    }
    return 0;
  }

  /** Writes the file through the stream read, whose bytes the bar counts; no partial file is left. */
  private void readWithBar(WalrusClient client, BlobId id, ReadOptions options, long size) throws Exception {
    try (OutputStream file = ProgressBars.download(terminal(), json(), "Reading blob", size,
        Files.newOutputStream(out))) {
      client.read(id, file, options);
    } catch (Exception e) {
      Files.deleteIfExists(out);
      throw e;
    }
  }

  /** The blob's size from its ledger objects, for the bar; -1 when the ledger has none to show. */
  private static long size(LedgerClient ledgerClient, BlobId id) {
    try {
      return ledgerClient.blob(id).objects().stream().findFirst().map(o -> BlobObject.fromLedger(o).size())
          .orElse(-1L);
    } catch (WalrusException e) {
      // The read itself reports what is wrong; the bar just has no total.
      return -1;
    }
  }

  /** Standard output stays open after the read. */
  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
