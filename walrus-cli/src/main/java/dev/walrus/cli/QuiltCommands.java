package dev.walrus.cli;

import dev.walrus.client.QuiltMetadata;
import dev.walrus.client.QuiltStoreResult;
import dev.walrus.client.QuiltStoreResultJson;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoredQuiltPatch;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.InvalidBlobIdException;
import dev.walrus.core.encoding.SliverPairMetadata;
import dev.walrus.core.hash.Node;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.core.quilt.QuiltPatch;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The quilt verbs (protocol.md §8, §11): {@code store-quilt}, {@code read-quilt} and {@code
 * list-patches-in-quilt}, with Walrus's options and, under {@code --json}, Walrus's output shapes.
 */
final class QuiltCommands {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private QuiltCommands() {}

  @Command(name = "store-quilt", aliases = "write-quilt",
      description = "Store files as one quilt: each file is a patch, readable on its own by identifier, tag or patch ID.")
  static final class StoreQuilt extends LedgerVerb {
    @Option(names = "--paths", arity = "1..*", paramLabel = "PATH",
        description = "Files, or directories whose files are taken recursively; each file's name is its identifier.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--blobs", arity = "1..*", paramLabel = "JSON",
        description = "Files as JSON objects {\"path\":…, \"identifier\":… (default: the file name), \"tags\":{…}}.")
    List<String> blobs = new ArrayList<>();

    @Option(names = "--epochs", required = true, paramLabel = "N|max",
        description = "Epochs ahead to store the quilt for, or 'max'.")
    String epochs;

    @ArgGroup(exclusive = true)
    Persistence persistence = new Persistence();

    @Option(names = "--force", description = "Store even if the same quilt is already certified for long enough.")
    boolean force;

    static final class Persistence {
      @Option(names = "--permanent", description = "Store a permanent quilt (it cannot be deleted before it expires).")
      boolean permanent;

      @Option(names = "--deletable", description = "Store a deletable quilt (the default).")
      boolean deletable;
    }

    @Override
    public Integer call() throws Exception {
      if (paths.isEmpty() == blobs.isEmpty()) {
        throw new CliException("give either --paths or --blobs (one of them, not both)");
      }
      List<QuiltFile> files = paths.isEmpty() ? QuiltInputs.fromBlobs(blobs) : QuiltInputs.fromPaths(paths);
      try (LedgerClient ledgerClient = ledger.client();
          WalrusClient client = WalrusClient.builder().ledgerClient(ledgerClient).wallet(ledger.key()).build()) {
        // store's rules for --epochs (picocli's code generator cannot share StoreLifetime's option group).
        StoreLifetime lifetime = new StoreLifetime();
        lifetime.epochs = epochs;
        StoreOptions options = StoreOptions.defaults().withEpochs(lifetime.epochsAhead(ledgerClient.system()))
            .withDeletable(!persistence.permanent).withForce(force);
        QuiltStoreResult result = client.storeQuilt(files, options);
        PrintWriter out = out();
        if (json()) {
          Json.print(out, QuiltStoreResultJson.toJson(result));
        } else {
          new StoreOutput(terminal()).printResult(Path.of("(quilt of " + files.size() + " files)"), result.blobStoreResult());
          printPatchTable(out, result.storedQuiltBlobs());
        }
      }
      return 0;
    }
  }

  @Command(name = "read-quilt",
      description = "Read patches of a quilt: by quilt ID and identifiers or a tag (or all of them), or by patch IDs.")
  static final class ReadQuilt extends LedgerVerb {
    @Option(names = "--quilt-id", paramLabel = "ID", description = "The quilt's blob ID.")
    String quiltId;

    @Option(names = {"--identifiers", "--identifier"}, arity = "1..*", paramLabel = "IDENTIFIER",
        description = "Identifiers of the patches to read (with --quilt-id).")
    List<String> identifiers = new ArrayList<>();

    @Option(names = "--tag", arity = "2", paramLabel = "KEY VALUE",
        description = "Read the patches with this tag (with --quilt-id).")
    List<String> tag = new ArrayList<>();

    @Option(names = {"--quilt-patch-ids", "--quilt-patch-id", "--patch-ids"}, arity = "1..*", paramLabel = "PATCH_ID",
        description = "Quilt patch IDs to read (without --quilt-id).")
    List<String> patchIds = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
        description = "Directory to save the patches in, each under its identifier (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (out == null && !json()) {
        throw new CliException("give --out DIR to save the patches (or --json to print them)");
      }
      List<QuiltFile> files;
      try (LedgerClient ledgerClient = ledger.client();
          WalrusClient client = WalrusClient.builder().ledgerClient(ledgerClient).build()) {
        files = read(client);
      }
      if (out != null) {
        QuiltOutputs.save(files, out);
      }
      PrintWriter w = out();
      if (json()) {
        ObjectNode doc = NODES.objectNode();
        if (out != null) {
          doc.put("out", out.toString());
        }
        if (!files.isEmpty()) {
          ArrayNode retrieved = doc.putArray("retrievedBlobs");
          // As Walrus: with --out the data went to the files, and each "blob" is left empty.
          files.forEach(f -> retrieved.add(retrievedJson(f, out == null)));
        }
        Json.print(w, doc);
      } else {
        w.println("Retrieved " + files.size() + " blob" + (files.size() == 1 ? "" : "s")
            + " and saved to directory: " + out);
        for (int i = 0; i < files.size(); i++) {
          QuiltFile f = files.get(i);
          w.println((i + 1) + ". Identifier: " + f.identifier());
          if (f.tags().isEmpty()) {
            w.println("   Tags: (none)");
          } else {
            w.println("   Tags:");
            f.tags().forEach((k, v) -> w.println("     " + k + ": " + v));
          }
          w.println();
        }
      }
      return 0;
    }

    private List<QuiltFile> read(WalrusClient client) {
      boolean byQuilt = quiltId != null;
      if (byQuilt == !patchIds.isEmpty() || !identifiers.isEmpty() && !tag.isEmpty()) {
        throw new CliException("give --quilt-id (optionally with --identifiers or --tag), or --quilt-patch-ids alone");
      }
      if (!byQuilt) {
        List<QuiltPatchId> ids = patchIds.stream().map(QuiltPatchId::parse).toList();
        return ids.stream().map(client::readQuiltPatch).toList();
      }
      BlobId quilt = parseBlobId(quiltId);
      if (!identifiers.isEmpty()) {
        return client.readQuiltFiles(quilt, identifiers);
      }
      if (!tag.isEmpty()) {
        if (tag.size() != 2) {
          throw new CliException("only one tag is supported: --tag KEY VALUE");
        }
        return client.readQuiltByTag(quilt, tag.get(0), tag.get(1));
      }
      return client.readQuilt(quilt);
    }
  }

  @Command(name = "list-patches-in-quilt", aliases = "resolve-quilt",
      description = "List the patches of a quilt: identifiers, patch IDs and the columns they occupy.")
  static final class ListPatches extends LedgerVerb {
    @Parameters(index = "0", paramLabel = "QUILT_ID", description = "The quilt's blob ID.")
    String quiltId;

    @Override
    public Integer call() throws Exception {
      BlobId quilt = parseBlobId(quiltId);
      QuiltMetadata metadata;
      try (LedgerClient ledgerClient = ledger.client();
          WalrusClient client = WalrusClient.builder().ledgerClient(ledgerClient).build()) {
        metadata = client.listQuiltPatches(quilt);
      }
      PrintWriter out = out();
      if (json()) {
        Json.print(out, quiltMetadataJson(metadata));
      } else {
        out.println(terminal().teal("Quilt Metadata V1") + ": " + quilt);
        printPatchTable(out, metadata.patches());
      }
      return 0;
    }
  }

  static BlobId parseBlobId(String text) {
    try {
      return BlobId.parse(text);
    } catch (InvalidBlobIdException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** Walrus's {@code QuiltStoreBlob} as serde writes it: the data as an array of numbers. */
  private static ObjectNode retrievedJson(QuiltFile f, boolean withData) {
    ObjectNode o = NODES.objectNode();
    ArrayNode data = o.putArray("blob");
    if (withData) {
      for (byte b : f.data()) {
        data.add(b & 0xFF);
      }
    }
    o.put("identifier", f.identifier());
    ObjectNode tags = o.putObject("tags");
    f.tags().forEach(tags::put);
    return o;
  }

  /**
   * Walrus's {@code QuiltMetadata} as serde writes it: {@code {"V1": {"quilt_id", "metadata",
   * "index"}}}, byte arrays as arrays of numbers, the index's fields in camelCase.
   */
  static ObjectNode quiltMetadataJson(QuiltMetadata m) {
    ObjectNode v1 = NODES.objectNode();
    v1.set("quilt_id", byteArray(m.quiltId().bytes()));
    ObjectNode blobMetadata = NODES.objectNode();
    blobMetadata.put("encoding_type", m.metadata().metadata().encodingType().name());
    blobMetadata.put("unencoded_length", m.metadata().unencodedLength());
    ArrayNode hashes = blobMetadata.putArray("hashes");
    for (SliverPairMetadata pair : m.metadata().metadata().hashes()) {
      ObjectNode h = hashes.addObject();
      h.set("primary_hash", nodeJson(pair.primaryHash()));
      h.set("secondary_hash", nodeJson(pair.secondaryHash()));
    }
    v1.putObject("metadata").set("V1", blobMetadata);
    ArrayNode patches = v1.putObject("index").putArray("quiltPatches");
    for (QuiltPatch p : m.index().patches()) {
      ObjectNode o = patches.addObject();
      o.put("endIndex", p.endIndex());
      o.put("identifier", p.identifier());
      ObjectNode tags = o.putObject("tags");
      p.tags().forEach(tags::put);
    }
    ObjectNode doc = NODES.objectNode();
    doc.set("V1", v1);
    return doc;
  }

  private static JsonNode nodeJson(Node node) {
    if (node.isEmpty()) {
      return NODES.stringNode("Empty");
    }
    ObjectNode o = NODES.objectNode();
    o.set("Digest", byteArray(node.bytes()));
    return o;
  }

  private static ArrayNode byteArray(byte[] bytes) {
    ArrayNode a = NODES.arrayNode(bytes.length);
    for (byte b : bytes) {
      a.add(b & 0xFF);
    }
    return a;
  }

  /** Walrus's patch table: index, patch ID, sliver range {@code [start, end)}, identifier. */
  static void printPatchTable(PrintWriter out, List<StoredQuiltPatch> patches) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Index", "QuiltPatchId", "Sliver Range", "Identifier"});
    for (int i = 0; i < patches.size(); i++) {
      StoredQuiltPatch p = patches.get(i);
      rows.add(new String[] {String.valueOf(i), p.quiltPatchId().toString(),
          "[" + p.startIndex() + ", " + p.endIndex() + ")", p.identifier()});
    }
    int[] widths = new int[4];
    for (String[] row : rows) {
      for (int c = 0; c < 4; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < 4; c++) {
        line.append(c == 0 ? "" : "  ").append(c == 3 ? row[c] : String.format("%-" + widths[c] + "s", row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Turning {@code --paths} and {@code --blobs} into quilt files. */
  static final class QuiltInputs {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private QuiltInputs() {}

    /** Every regular file under the paths, named by its file name (directories recursively). */
    static List<QuiltFile> fromPaths(List<Path> paths) throws IOException {
      List<QuiltFile> files = new ArrayList<>();
      for (Path path : paths) {
        if (!Files.exists(path)) {
          throw new CliException("path '" + path + "' does not exist");
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(path)) {
          found = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : found) {
          files.add(QuiltFile.of(f.getFileName().toString(), Files.readAllBytes(f)));
        }
      }
      if (files.isEmpty()) {
        throw new CliException("no files found under " + paths);
      }
      return files;
    }

    /** {@code {"path": …, "identifier"?: …, "tags"?: {…}}} per argument. */
    static List<QuiltFile> fromBlobs(List<String> specs) throws IOException {
      List<QuiltFile> files = new ArrayList<>();
      for (String spec : specs) {
        JsonNode node;
        try {
          node = MAPPER.readTree(spec);
        } catch (JacksonException e) {
          throw new CliException("--blobs '" + spec + "' is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
          throw new CliException("--blobs '" + spec + "' must be a JSON object with \"path\"");
        }
        for (String key : node.propertyNames()) {
          if (!List.of("path", "identifier", "tags").contains(key)) {
            throw new CliException("--blobs '" + spec + "': unknown field \"" + key + "\" (known: path, identifier, tags)");
          }
        }
        JsonNode path = node.get("path");
        if (path == null || !path.isString()) {
          throw new CliException("--blobs '" + spec + "': \"path\" must be a string");
        }
        Path file = ClientConfig.expand(path.asString(), null);
        if (!Files.isRegularFile(file)) {
          throw new CliException("--blobs '" + spec + "': '" + file + "' is not a file");
        }
        JsonNode id = node.get("identifier");
        if (id != null && !id.isNull() && !id.isString()) {
          throw new CliException("--blobs '" + spec + "': \"identifier\" must be a string");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode t = node.get("tags");
        if (t != null && !t.isNull()) {
          if (!t.isObject()) {
            throw new CliException("--blobs '" + spec + "': \"tags\" must be an object of strings");
          }
          for (Map.Entry<String, JsonNode> e : t.properties()) {
            if (!e.getValue().isString()) {
              throw new CliException("--blobs '" + spec + "': tag \"" + e.getKey() + "\" must have a string value");
            }
            tags.put(e.getKey(), e.getValue().asString());
          }
        }
        String identifier = id == null || id.isNull() ? file.getFileName().toString() : id.asString();
        files.add(QuiltFile.of(identifier, tags, Files.readAllBytes(file)));
      }
      return files;
    }
  }

  /** Saving read patches as files named by their identifiers. */
  static final class QuiltOutputs {
    private QuiltOutputs() {}

    /**
     * Writes each file to {@code dir/<identifier>}; a repeated identifier (patches of different
     * quilts) gets Walrus's suffix, {@code name_2.ext}. Identifiers that are not plain file names
     * are refused before anything is written.
     */
    static void save(List<QuiltFile> files, Path dir) throws IOException {
      for (QuiltFile f : files) {
        String id = f.identifier();
        if (id.contains("/") || id.contains("\\") || id.equals(".") || id.equals("..")) {
          throw new CliException("cannot save patch '" + id + "' in " + dir
              + ": its identifier is not a plain file name (use --json to get its data)");
        }
      }
      Files.createDirectories(dir);
      Map<String, Integer> seen = new HashMap<>();
      for (QuiltFile f : files) {
        int count = seen.merge(f.identifier(), 1, Integer::sum);
        Files.write(dir.resolve(count == 1 ? f.identifier() : numbered(f.identifier(), count)), f.data());
      }
    }

    private static String numbered(String name, int count) {
      int dot = name.lastIndexOf('.');
      return dot < 0 ? name + "_" + count : name.substring(0, dot) + "_" + count + name.substring(dot);
    }
  }
}
