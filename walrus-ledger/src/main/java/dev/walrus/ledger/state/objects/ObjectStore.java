package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.LedgerStore;
import dev.walrus.ledger.state.TxContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of all objects, with the ownership checks every operation on an object makes. An
 * owner index (owner, object) is kept alongside so wallets can list their objects.
 */
public final class ObjectStore {
  public static final String MODULE = "object";
  public static final int E_NOT_FOUND = 0;
  public static final int E_WRONG_TYPE = 1;
  public static final int E_NOT_OWNER = 2;

  private final JournaledMap<ObjectId, LedgerObject> objects;
  private final JournaledMap<OwnedKey, Boolean> owned;

  /** Index key: objects of an owner, in ID order. */
  public record OwnedKey(Address owner, ObjectId object) implements Comparable<OwnedKey> {
    @Override
    public int compareTo(OwnedKey o) {
      int c = owner.compareTo(o.owner);
      return c != 0 ? c : object.compareTo(o.object);
    }
  }

  public ObjectStore(LedgerStore store) {
    this.objects = store.map("objects", ObjectId.class, LedgerObject.class);
    this.owned = store.map("objects.by_owner", OwnedKey.class, Boolean.class);
  }

  public LedgerObject find(ObjectId id) {
    return objects.get(id);
  }

  /** The object {@code id} of type {@code type}; aborts if missing or of another type. */
  public <T extends LedgerObject> T require(ObjectId id, Class<T> type) {
    LedgerObject o = objects.get(id);
    Abort.check(o != null, MODULE, E_NOT_FOUND, "object " + id + " does not exist");
    Abort.check(type.isInstance(o), MODULE, E_WRONG_TYPE,
        "object " + id + " is a " + o.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    return type.cast(o);
  }

  /** As {@link #require}, and the sender must own it. */
  public <T extends LedgerObject> T requireOwned(TxContext ctx, ObjectId id, Class<T> type) {
    T o = require(id, type);
    Abort.check(o.owner().map(ctx.sender()::equals).orElse(false), MODULE, E_NOT_OWNER,
        "object " + id + " is not owned by " + ctx.sender());
    return o;
  }

  /** Creates or updates an object (its ID must come from {@link TxContext#newObjectId}). */
  public void put(LedgerObject object) {
    LedgerObject old = objects.get(object.id());
    if (old != null && old.owner().isPresent() && !old.owner().equals(object.owner())) {
      owned.remove(new OwnedKey(old.owner().get(), old.id()));
    }
    objects.put(object.id(), object);
    object.owner().ifPresent(o -> owned.put(new OwnedKey(o, object.id()), Boolean.TRUE));
  }

  /** Deletes an object (or removes it from the table because another object now wraps it). */
  public void delete(TxContext ctx, ObjectId id) {
    ctx.deleted(id);
    LedgerObject old = objects.remove(id);
    if (old != null) {
      old.owner().ifPresent(o -> owned.remove(new OwnedKey(o, id)));
    }
  }

  /** Gives an owned object to {@code to}. */
  public void transfer(TxContext ctx, ObjectId id, Address to) {
    LedgerObject o = requireOwned(ctx, id, LedgerObject.class);
    put(o.withOwner(to));
  }

  public List<LedgerObject> ownedBy(Address owner) {
    List<LedgerObject> out = new ArrayList<>();
    OwnedKey from = new OwnedKey(owner, ObjectId.of(new byte[32]));
    for (OwnedKey k : owned.view().tailMap(from).keySet()) {
      if (!k.owner().equals(owner)) {
        break;
      }
      out.add(objects.get(k.object()));
    }
    return out;
  }

  /**
   * Up to {@code limit} objects of {@code type} that {@code owner} owns, in ID order. Walks the
   * owner index, so it follows transfers; the walk costs the owner's objects of every type.
   */
  public <T extends LedgerObject> List<T> ownedBy(Address owner, Class<T> type, int limit) {
    List<T> out = new ArrayList<>();
    OwnedKey from = new OwnedKey(owner, ObjectId.of(new byte[32]));
    for (OwnedKey k : owned.view().tailMap(from).keySet()) {
      if (!k.owner().equals(owner) || out.size() >= limit) {
        break;
      }
      LedgerObject o = objects.get(k.object());
      if (type.isInstance(o)) {
        out.add(type.cast(o));
      }
    }
    return out;
  }

  public JournaledMap<ObjectId, LedgerObject> table() {
    return objects;
  }
}
