package dev.walrus.cli;

import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import java.io.PrintWriter;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walrus blob-id FILE}: the blob ID of a file, computed locally. */
@Command(
    name = "blob-id",
    description = "Encode a file with RS2 and print its blob ID, without storing it.")
final class BlobIdCommand extends Verb {
  /** Until the ledger tells the number of shards, the size of Walrus Mainnet and Testnet. */
  static final int DEFAULT_N_SHARDS = 1000;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to encode.")
  String file;

  @Option(
      names = "--n-shards",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_N_SHARDS,
      description = "Number of shards to encode for (4 to 65535; default: ${DEFAULT-VALUE}).")
  int nShards;

  /** The output, in Walrus's field names; {@code --json} prints it as is. */
  record BlobIdOutput(
      String blobId,
      String file,
      long unencodedLength,
      String encodingType,
      String rootHash,
      int nShards,
      int symbolSize) {}

  @Override
  public Integer call() throws Exception {
    // Compiling the codec's kernels takes longer than parsing and mapping the file: start now.
    VectorizationProvider.startWarmup();
    EncodingConfig config = EncodingConfig.forShards(nShards);
    BlobIdOutput result = blobId(Path.of(file), file, config);
    PrintWriter out = out();
    if (json()) {
      Json.print(out, result);
    } else {
      out.println(terminal().success() + " Blob from file '" + result.file() + "' encoded successfully.");
      out.println("Unencoded size: " + result.unencodedLength());
      out.println("Blob ID: " + result.blobId());
      out.println("Encoding type: " + result.encodingType());
    }
    return 0;
  }

  /**
   * Memory-maps the file read-only (files above 2 GiB work; nothing is copied to the heap) and
   * computes its metadata. The mapping is shared because the encoder reads it from all cores.
   */
  static BlobIdOutput blobId(Path path, String shownAs, EncodingConfig config) throws Exception {
    if (Files.isDirectory(path)) {
      throw new CliException("'" + shownAs + "' is a directory, not a file");
    }
    BlobMetadataWithId metadata;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        Arena arena = Arena.ofShared()) {
      long size = channel.size();
      MemorySegment blob =
          size == 0 ? MemorySegment.ofArray(new byte[0]) : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
      metadata = new BlobEncoder(config).computeMetadata(blob);
    }
    return new BlobIdOutput(
        metadata.blobId().toString(),
        shownAs,
        metadata.unencodedLength(),
        metadata.metadata().encodingType().name(),
        metadata.rootHash().toHex(),
        config.nShards(),
        metadata.symbolSize(config));
  }
}
