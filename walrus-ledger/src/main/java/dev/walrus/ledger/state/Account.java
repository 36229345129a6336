package dev.walrus.ledger.state;

/** An account: its WAL balance in FROST and the sequence number its next transaction must carry. */
public record Account(long balance, long nextSequence) {
  public static final Account EMPTY = new Account(0, 0);
}
