package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import java.util.List;

/**
 * What a transaction did, once ordered and executed. A rejected transaction (bad signature, wrong
 * sequence number, fee not payable) changed nothing and was not charged. An aborted one paid its
 * fee and consumed its sequence number, but its operation left no trace; {@code abort} names the
 * Move module and code of the rule it broke.
 */
public record TransactionEffects(
    byte[] digest,
    Status status,
    long height,
    long feeCharged,
    List<ObjectId> created,
    List<ObjectId> deleted,
    List<EventEnvelope> events,
    Abort abort,
    String rejection) {

  public enum Status {
    SUCCESS,
    ABORTED,
    REJECTED
  }

  /** A broken rule: {@code module} and {@code code} as in ledger.md §9.3, and a message. */
  public record Abort(String module, int code, String message) {}

  public boolean succeeded() {
    return status == Status.SUCCESS;
  }
}
