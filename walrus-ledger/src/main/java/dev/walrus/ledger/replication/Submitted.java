package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.TransactionEffects;

/**
 * A submitted transaction's effects as the API answers them, in JSON. A follower that forwarded
 * the transaction passes the leader's answer on as it came, rather than parsing it and writing
 * it again.
 */
public final class Submitted {
  private final TransactionEffects effects;
  private final byte[] json;

  private Submitted(TransactionEffects effects, byte[] json) {
    this.effects = effects;
    this.json = json;
  }

  /** Effects executed (or remembered) by this replica. */
  public static Submitted of(TransactionEffects effects) {
    return new Submitted(effects, null);
  }

  /** The leader's JSON answer to a forwarded submission. */
  static Submitted ofJson(byte[] json) {
    return new Submitted(null, json);
  }

  /** The effects in the API's JSON. */
  public byte[] json() {
    return json != null ? json : LedgerJson.mapper().writeValueAsBytes(effects);
  }

  /** The effects, parsed from the leader's answer if they came from it. */
  public TransactionEffects effects() {
    return effects != null ? effects : LedgerJson.mapper().readValue(json, TransactionEffects.class);
  }
}
