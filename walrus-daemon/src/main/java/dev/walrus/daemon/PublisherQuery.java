package dev.walrus.daemon;

import dev.walrus.daemon.Route.Param;
import dev.walrus.client.StoreOptions;
import dev.walrus.core.Address;
import java.util.List;
import java.util.Set;

/**
 * The query of a store, Walrus's {@code PublisherQuery} (protocol.md §7.2), shared by {@code PUT
 * /v1/blobs} and {@code PUT /v1/quilts}: validated, with Walrus's reasons for what is wrong.
 *
 * @param sendObjectTo where the new Blob object goes; {@code null} to keep it in the wallet
 */
record PublisherQuery(int epochs, boolean permanent, boolean force, Address sendObjectTo, boolean share) {
  private static final long MAX_U32 = 0xFFFF_FFFFL;

  /** The parameters it takes; any other is a 400. */
  static final Set<String> NAMES = Set.of("encoding_type", "epochs", "deletable", "permanent", "force",
      "quilt_version", "reuse_resources", "send_object_to", "share");

  /** Their description for the OpenAPI document; {@code quiltVersion} says what quilt_version does. */
  static List<Param> params(String quiltVersion) {
    return List.of(
        new Param("epochs", "query", "integer", false, "Epochs ahead to store for (default 1)"),
        new Param("permanent", "query", "boolean", false, "Store a permanent blob (default: deletable)"),
        new Param("deletable", "query", "boolean", false, "Deprecated, no effect: blobs are deletable by default"),
        new Param("force", "query", "boolean", false, "Store even if the blob is already certified"),
        new Param("reuse_resources", "query", "boolean", false, "Accepted for compatibility"),
        new Param("encoding_type", "query", "string", false, "RS2 (the only encoding)"),
        new Param("send_object_to", "query", "string", false, "Send the new Blob object to this address (0x…)"),
        new Param("share", "query", "boolean", false, "Turn the new Blob object into a shared blob"),
        new Param("quilt_version", "query", "string", false, quiltVersion),
        new Param("Authorization", "header", "string", false, "Bearer <JWT>, when the publisher requires one"));
  }

  static PublisherQuery parse(Exchange x) {
    x.query("encoding_type").ifPresent(t -> {
      if (!t.equals("RS2")) {
        throw DaemonError.invalidArgument("INVALID_ENCODING_TYPE", "unsupported encoding type '" + t + "' (only RS2)");
      }
    });
    x.query("quilt_version").ifPresent(v -> {
      if (!Set.of("v1", "V1", "1").contains(v)) {
        throw DaemonError.invalidArgument("INVALID_QUILT_VERSION", "unknown quilt version '" + v + "'");
      }
    });
    long epochs = x.unsigned("epochs", MAX_U32).orElse(1L);
    if (epochs < 1 || epochs > Integer.MAX_VALUE) {
      throw DaemonError.invalidArgument("INVALID_EPOCHS", "epochs must be at least 1, got " + epochs);
    }
    boolean permanent = x.flag("permanent");
    if (permanent && x.flag("deletable")) {
      throw DaemonError.invalidArgument("INVALID_BLOB_PERSISTENCE", "a blob cannot be both deletable and permanent");
    }
    x.flag("reuse_resources");
    Address to = x.query("send_object_to").map(a -> {
      try {
        return Address.parse(a);
      } catch (RuntimeException e) {
        throw DaemonError.invalidArgument("INVALID_ADDRESS", "send_object_to '" + a + "' is not an address (0x…)");
      }
    }).orElse(null);
    boolean shareGiven = x.query("share").isPresent();
    if (to != null && shareGiven) {
      throw DaemonError.invalidArgument("INVALID_ARGUMENT", "send_object_to and share exclude each other");
    }
    if (x.flag("share") && !permanent) {
      // As Walrus's client: a shared blob is funded by anyone for ever, which a deletable blob contradicts.
      throw DaemonError.invalidArgument("INVALID_BLOB_PERSISTENCE", "deletable blobs cannot be shared; add permanent=true");
    }
    return new PublisherQuery((int) epochs, permanent, x.flag("force"), to, x.flag("share"));
  }

  StoreOptions storeOptions() {
    return StoreOptions.defaults().withEpochs(epochs).withDeletable(!permanent).withForce(force).withShare(share);
  }
}
