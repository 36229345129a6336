package dev.walrus.core.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@code CHALLENGE_REQUEST} (0x41), 143 bytes: challenger asks target for its items {@code
 * [firstItem, firstItem + maxItems)} of the window fixed by {@code seed} and {@code setDigest}.
 * The target answers only if both equal the ledger's, so a request cannot be prepared before the
 * seed or reused in another epoch.
 */
public record ChallengeRequest(
    long epoch, ObjectId challenger, ObjectId target, byte[] seed, byte[] setDigest, long firstItem, long maxItems)
    implements ChallengeMessage {
  public static final int LENGTH = 143;

  public ChallengeRequest {
    Objects.requireNonNull(challenger, "challenger");
    Objects.requireNonNull(target, "target");
    seed = check32(seed, "seed");
    setDigest = check32(setDigest, "set digest");
    if (firstItem < 0 || firstItem > 0xFFFF_FFFFL || maxItems < 0 || maxItems > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("item range out of u32");
    }
  }

  @Override
  public ChallengeIntent intent() {
    return ChallengeIntent.CHALLENGE_REQUEST;
  }

  @Override
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public byte[] setDigest() {
    return setDigest.clone();
  }

  @Override
  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(LENGTH);
    intent().writeHeader(w, epoch);
    w.fixedBytes(challenger.bytes()).fixedBytes(target.bytes()).fixedBytes(seed).fixedBytes(setDigest)
        .u32(firstItem).u32(maxItems);
    return w.toByteArray();
  }

  public static ChallengeRequest fromBcs(byte[] bcs) {
    try {
      BcsReader r = new BcsReader(bcs);
      long epoch = ChallengeIntent.CHALLENGE_REQUEST.readHeader(r);
      ChallengeRequest m = new ChallengeRequest(epoch, ObjectId.of(r.fixedBytes(32)), ObjectId.of(r.fixedBytes(32)),
          r.fixedBytes(32), r.fixedBytes(32), r.u32(), r.u32());
      r.finish();
      return m;
    } catch (BcsException e) {
      throw new BcsException("invalid CHALLENGE_REQUEST message: " + e.getMessage());
    }
  }

  static byte[] check32(byte[] b, String what) {
    if (b == null || b.length != 32) {
      throw new IllegalArgumentException(what + " must have 32 bytes");
    }
    return b.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChallengeRequest m && m.epoch == epoch && m.challenger.equals(challenger)
        && m.target.equals(target) && Arrays.equals(m.seed, seed) && Arrays.equals(m.setDigest, setDigest)
        && m.firstItem == firstItem && m.maxItems == maxItems;
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, challenger, target, Arrays.hashCode(seed), firstItem, maxItems);
  }

  @Override
  public String toString() {
    return "ChallengeRequest[epoch=" + epoch + ", challenger=" + challenger + ", target=" + target + ", items="
        + firstItem + "+" + maxItems + "]";
  }
}
