package dev.walrus.core.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.hash.Blake2b256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The challenged set {@code S_e} (spec/challenges.md §5.2): {@code K} distinct blobs drawn from the
 * eligible ones with {@code prf("wj/chal/set", seed, u32 j)}, sorted ascending, and its digest
 * {@code H("wj/chal/set" ‖ u32 |S_e| ‖ ids)} that requests and reports carry so both sides are
 * sure to talk about the same set.
 */
public final class ChallengeSet {
  private static final byte[] DIGEST_TAG = ChallengePrf.SET_TAG.getBytes(StandardCharsets.US_ASCII);

  private ChallengeSet() {}

  /**
   * Draws up to {@code k} blobs: draw {@code j} picks {@code eligible[pick(u64at(h,0), |eligible|)]}
   * and keeps it if not already chosen; drawing stops at {@code k} blobs or after {@code 32·k}
   * draws (so a set may come out smaller when {@code k} is close to {@code |eligible|}; every
   * replica draws the same).
   *
   * @param eligible the eligible blob IDs, sorted ascending
   * @return the chosen IDs, sorted ascending
   */
  public static List<BlobId> select(byte[] seed, List<BlobId> eligible, int k) {
    int want = Math.min(k, eligible.size());
    List<BlobId> chosen = new ArrayList<>(Math.max(want, 0));
    if (want <= 0) {
      return chosen;
    }
    Set<BlobId> seen = new HashSet<>();
    long draws = 32L * want;
    for (long j = 0; j < draws && chosen.size() < want; j++) {
      byte[] h = ChallengePrf.prf(ChallengePrf.SET_TAG, seed, ChallengePrf.u32(j));
      BlobId b = eligible.get(ChallengePrf.pick(ChallengePrf.u64At(h, 0), eligible.size()));
      if (seen.add(b)) {
        chosen.add(b);
      }
    }
    chosen.sort(null);
    return chosen;
  }

  /** {@code H("wj/chal/set" ‖ u32 |S| ‖ ids)} over the set in ascending order. */
  public static byte[] digest(List<BlobId> set) {
    Blake2b256 h = new Blake2b256().update(DIGEST_TAG).update(ChallengePrf.u32(set.size()));
    for (BlobId id : set) {
      h.update(id.bytes());
    }
    return h.digest();
  }
}
