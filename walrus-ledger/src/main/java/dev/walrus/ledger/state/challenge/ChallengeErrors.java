package dev.walrus.ledger.state.challenge;

/**
 * Abort codes of the {@code challenge} module (spec/challenges.md §7.2). A rejected challenge
 * transaction changes nothing but its fee and sequence number.
 */
public final class ChallengeErrors {
  private ChallengeErrors() {}

  public static final String MODULE = "challenge";
  /** The node is not a member of the epoch's committee. */
  public static final int NOT_MEMBER = 0;
  /** The transaction names another epoch than the current one. */
  public static final int WRONG_EPOCH = 1;
  /** Too early or too late, or the epoch is in the wrong state for it. */
  public static final int WRONG_TIME = 2;
  /** The member has acked this epoch already. */
  public static final int DUPLICATE_ACK = 3;
  /** The BLS signature does not verify under the member's key of the epoch. */
  public static final int BAD_SIGNATURE = 4;
  /** The epoch has no seed (yet, or it was skipped). */
  public static final int NOT_SEEDED = 5;
  /** The report is about another seed or challenged set than the ledger's. */
  public static final int SEED_MISMATCH = 6;
  /** The reporter has reported this epoch already (the first valid report stands). */
  public static final int DUPLICATE_REPORT = 7;
  /** Malformed: undecodable report, entries out of order or shape, shards not owned or not gained. */
  public static final int MALFORMED = 8;
  /** Outside the report window {@code [t_close, deadline]}. */
  public static final int REPORT_WINDOW = 9;
  /** ASYNC certificates (not built). */
  public static final int BAD_CERTIFICATE = 10;
  /** Penalty parameters violate their constraints. */
  public static final int PENALTY_CONSTRAINTS = 11;
  /** This network runs no storage challenges. */
  public static final int DISABLED = 12;
}
