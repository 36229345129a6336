package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.TransactionEffects;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects submitted transactions to their execution: a future per transaction digest, completed
 * when a block containing the transaction is applied on this replica, and the effects of the most
 * recent transactions, so that submitting the same signed transaction again (a retry after a
 * timeout or a lost leader) returns what happened to it instead of a sequence-number rejection.
 *
 * <p>Effects of a transaction that executed (succeeded or aborted) are final: its sequence number
 * is used, so no later copy can execute. A rejection is not final and is replaced if a copy of the
 * transaction later executes.
 */
public final class TransactionTracker {
  private static final HexFormat HEX = HexFormat.of();

  private final ConcurrentHashMap<String, CompletableFuture<TransactionEffects>> pending = new ConcurrentHashMap<>();
  private final Map<String, TransactionEffects> recent;
  private final int maxPending;

  /** Remembers the effects of the last {@code recentCapacity} transactions; at most {@code maxPending} waiters. */
  public TransactionTracker(int recentCapacity, int maxPending) {
    this.maxPending = maxPending;
    this.recent = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TransactionEffects> eldest) {
        return size() > recentCapacity;
      }
    };
  }

  static String key(byte[] digest) {
    return HEX.formatHex(digest);
  }

  /** The effects of {@code digest} if it was executed (or rejected) recently. */
  public Optional<TransactionEffects> recent(byte[] digest) {
    synchronized (recent) {
      return Optional.ofNullable(recent.get(key(digest)));
    }
  }

  /** A waiter's future, and whether this registration created it (then the caller proposes). */
  public record Registration(CompletableFuture<TransactionEffects> future, boolean isNew) {}

  /**
   * A future completed with the transaction's effects once executed here; already complete if it
   * was. Throws {@link Overloaded} when too many submissions are waiting.
   */
  public Registration register(byte[] digest) {
    String k = key(digest);
    Optional<TransactionEffects> done = recent(digest);
    if (done.isPresent() && done.get().status() != TransactionEffects.Status.REJECTED) {
      return new Registration(CompletableFuture.completedFuture(done.get()), false);
    }
    if (pending.size() >= maxPending && !pending.containsKey(k)) {
      throw new Overloaded(maxPending + " transactions are already waiting to be ordered");
    }
    CompletableFuture<TransactionEffects> created = new CompletableFuture<>();
    CompletableFuture<TransactionEffects> f = pending.putIfAbsent(k, created);
    if (f != null) {
      return new Registration(f, false);
    }
    // A block may have executed it between the first look and the registration.
    done = recent(digest);
    if (done.isPresent() && done.get().status() != TransactionEffects.Status.REJECTED && pending.remove(k, created)) {
      created.complete(done.get());
      return new Registration(created, false);
    }
    return new Registration(created, true);
  }

  /** Called after each block, in order: records and delivers the effects. */
  public void applied(List<TransactionEffects> effects) {
    for (TransactionEffects e : effects) {
      String k = key(e.digest());
      TransactionEffects result;
      synchronized (recent) {
        TransactionEffects before = recent.get(k);
        if (before == null || before.status() == TransactionEffects.Status.REJECTED) {
          recent.put(k, e);
          result = e;
        } else {
          result = before;
        }
      }
      CompletableFuture<TransactionEffects> f = pending.remove(k);
      if (f != null) {
        f.complete(result);
      }
    }
  }

  /** Fails the waiters of {@code digest} (its block was not committed under this leader). */
  public void failed(byte[] digest, Throwable cause) {
    CompletableFuture<TransactionEffects> f = pending.remove(key(digest));
    if (f != null) {
      f.completeExceptionally(cause);
    }
  }

  /** Drops a waiter that gave up, unless it was completed meanwhile. */
  public void abandon(byte[] digest, CompletableFuture<TransactionEffects> f) {
    pending.remove(key(digest), f);
  }

  public int pendingCount() {
    return pending.size();
  }

  /** Too many transactions wait for execution; the submitter should retry later. */
  public static final class Overloaded extends RuntimeException {
    public Overloaded(String message) {
      super(message, null, false, false);
    }
  }
}
