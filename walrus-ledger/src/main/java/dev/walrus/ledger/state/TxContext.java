package dev.walrus.ledger.state;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.ObjectIds;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution context of one transaction (or of one automatic ledger action): who sends it,
 * the block's time, new object IDs and the events it emits.
 *
 * <p>Object IDs follow {@link ObjectIds}: unique because transaction digests are, identical on every
 * replica, and predictable by the client that signed the transaction.
 */
public final class TxContext {
  private final Address sender;
  private final byte[] txDigest;
  private final long height;
  private final long nowMs;
  private final List<LedgerEvent> events = new ArrayList<>();
  private final List<ObjectId> created = new ArrayList<>();
  private final List<ObjectId> deleted = new ArrayList<>();
  private long objectCounter;

  public TxContext(Address sender, byte[] txDigest, long height, long nowMs) {
    this.sender = sender;
    this.txDigest = txDigest.clone();
    this.height = height;
    this.nowMs = nowMs;
  }

  /** The sender; the zero address for the ledger's own actions. */
  public Address sender() {
    return sender;
  }

  public byte[] txDigest() {
    return txDigest.clone();
  }

  public long height() {
    return height;
  }

  /** The block's timestamp in milliseconds: the ledger's clock. */
  public long now() {
    return nowMs;
  }

  public ObjectId newObjectId() {
    ObjectId id = ObjectIds.created(txDigest, objectCounter++);
    created.add(id);
    return id;
  }

  /** Records that this transaction deleted (or wrapped away) object {@code id}. */
  public void deleted(ObjectId id) {
    deleted.add(id);
  }

  public List<ObjectId> deletedObjects() {
    return List.copyOf(deleted);
  }

  public void emit(LedgerEvent event) {
    events.add(event);
  }

  public List<LedgerEvent> events() {
    return List.copyOf(events);
  }

  public List<ObjectId> created() {
    return List.copyOf(created);
  }

  /** The objects created so far, in creation order (a view; for a batch's later operations). */
  List<ObjectId> createdSoFar() {
    return java.util.Collections.unmodifiableList(created);
  }

  /** Forgets events and created IDs after a rollback. */
  void discardOutputs() {
    events.clear();
    created.clear();
    deleted.clear();
  }
}
