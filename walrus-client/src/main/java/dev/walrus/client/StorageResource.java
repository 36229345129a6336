package dev.walrus.client;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A ledger {@code Storage} object: {@code storageSize} bytes of encoded storage reserved for the
 * epochs {@code [startEpoch, endEpoch)}, as Walrus shows its {@code StorageResource}.
 */
public record StorageResource(ObjectId id, int startEpoch, int endEpoch, long storageSize) {
  static final String LEDGER_TYPE = "StorageResource";

  public StorageResource {
    Objects.requireNonNull(id, "id");
  }

  /** The ledger's own JSON of a Storage object (its size is called {@code size} there). */
  private record Stored(ObjectId id, int startEpoch, int endEpoch, long size) {}

  /** A Storage object the ledger returned. */
  public static StorageResource fromLedger(ObjectView view) {
    if (!LEDGER_TYPE.equals(view.type())) {
      throw new WalrusClientException("object " + view.id() + " is a " + view.type() + ", not a Storage object");
    }
    return fromFields(view.fields(), view.id());
  }

  static StorageResource fromFields(JsonNode fields, ObjectId where) {
    Stored s;
    try {
      s = LedgerJson.mapper().treeToValue(fields, Stored.class);
    } catch (JacksonException e) {
      throw new WalrusClientException(
          "the ledger's Storage object " + where + " is malformed: " + e.getOriginalMessage());
    }
    if (s == null || s.id() == null) {
      throw new WalrusClientException("the ledger's Storage object " + where + " has no ID");
    }
    return new StorageResource(s.id(), s.startEpoch(), s.endEpoch(), s.size());
  }
}
