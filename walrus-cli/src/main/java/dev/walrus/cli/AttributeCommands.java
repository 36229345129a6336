package dev.walrus.cli;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.client.LedgerClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A Blob object's attributes (key–value pairs on the ledger, e.g. {@code content-type}), with
 * Walrus's verbs: {@code get-blob-attribute}, {@code set-blob-attribute --attr KEY VALUE…}, {@code
 * remove-blob-attribute-fields --keys K,…} and {@code remove-blob-attribute}. A call's changes are
 * one transaction, all or nothing.
 */
final class AttributeCommands {
  /** A transaction holds at most this many operations ({@link Operation.Batch#MAX_OPERATIONS}). */
  static final int MAX_CHANGES = Operation.Batch.MAX_OPERATIONS;

  private AttributeCommands() {}

  /** Walrus's JSON: the attribute map, or null when the blob has none. */
  record Output(ObjectId blobObjectId, Map<String, String> attribute) {}

  abstract static class AttributeVerb extends LedgerVerb {
    @Parameters(index = "0", paramLabel = "BLOB_OBJ_ID", description = "The Blob object.")
    String blobObjId;

    ObjectId id() {
      return WalletCommand.parse(blobObjId, ObjectId::parse);
    }

    static SortedMap<String, String> attributes(LedgerClient client, ObjectId id) {
      ObjectView o = client.object(id);
      if (!o.type().equals("BlobObject")) {
        throw new CliException(id + " is a " + o.type() + ", not a Blob object");
      }
      SortedMap<String, String> out = new TreeMap<>();
      o.fields().path("attributes").properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
      return out;
    }

    void change(LedgerClient client, List<Operation> ops, String done) throws java.io.IOException {
      if (ops.size() > MAX_CHANGES) {
        throw new CliException("at most " + MAX_CHANGES + " attributes can change in one call, not " + ops.size());
      }
      Operation op = ops.size() == 1 ? ops.getFirst() : new Operation.Batch(ops);
      report(execute(client, ledger.key(), op), done);
    }

    void print(LedgerClient client, ObjectId id) {
      SortedMap<String, String> attributes = attributes(client, id);
      if (json()) {
        Json.print(out(), new Output(id, attributes.isEmpty() ? null : attributes));
        return;
      }
      if (attributes.isEmpty()) {
        out().println("No attribute found for the blob object " + id + ".");
        return;
      }
      out().println("Attribute");
      attributes.forEach((k, v) -> out().println("  " + k + ": " + v));
    }
  }

  @Command(name = "get-blob-attribute", description = "Print a Blob object's attributes.")
  static final class Get extends AttributeVerb {
    @Override
    public Integer call() throws Exception {
      try (LedgerClient client = ledger.client()) {
        print(client, id());
      }
      return 0;
    }
  }

  @Command(name = "set-blob-attribute", description = "Set attributes of a Blob object the wallet owns"
      + " (added, or replaced when the key exists).")
  static final class Set extends AttributeVerb {
    @Option(names = "--attr", arity = "2", required = true, paramLabel = "KEY VALUE",
        description = "A key and its value (repeatable).")
    List<String> pairs;

    @Override
    public Integer call() throws Exception {
      ObjectId id = id();
      Map<String, String> wanted = new LinkedHashMap<>();
      for (int i = 0; i + 1 < pairs.size(); i += 2) {
        wanted.put(pairs.get(i), pairs.get(i + 1));
      }
      List<Operation> ops = new ArrayList<>();
      wanted.forEach((k, v) -> ops.add(new Operation.SetBlobAttribute(id, k, v)));
      try (LedgerClient client = ledger.client()) {
        change(client, ops, "set " + wanted.size() + " attribute(s) of " + id);
      }
      return 0;
    }
  }

  @Command(name = "remove-blob-attribute-fields", description = "Remove some attributes of a Blob object.")
  static final class RemoveFields extends AttributeVerb {
    @Option(names = "--keys", split = ",", required = true, paramLabel = "KEY[,KEY…]", description = "The keys.")
    List<String> keys;

    @Override
    public Integer call() throws Exception {
      ObjectId id = id();
      try (LedgerClient client = ledger.client()) {
        SortedMap<String, String> current = attributes(client, id);
        List<String> missing = keys.stream().filter(k -> !current.containsKey(k)).toList();
        if (!missing.isEmpty()) {
          throw new CliException("the blob object " + id + " has no attribute " + String.join(", ", missing));
        }
        change(client, keys.stream().distinct().map(k -> (Operation) new Operation.RemoveBlobAttribute(id, k)).toList(),
            "removed " + keys.size() + " attribute(s) of " + id);
      }
      return 0;
    }
  }

  @Command(name = "remove-blob-attribute", description = "Remove every attribute of a Blob object.")
  static final class Remove extends AttributeVerb {
    @Override
    public Integer call() throws Exception {
      ObjectId id = id();
      try (LedgerClient client = ledger.client()) {
        SortedMap<String, String> current = attributes(client, id);
        if (current.isEmpty()) {
          throw new CliException("the blob object " + id + " has no attributes");
        }
        change(client, current.keySet().stream().map(k -> (Operation) new Operation.RemoveBlobAttribute(id, k)).toList(),
            "removed the attributes of " + id);
      }
      return 0;
    }
  }
}
