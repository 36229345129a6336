package dev.walrus.core.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a challenge report (spec/challenges.md §6.3): what the reporter saw of {@code
 * target} in one window. BCS: {@code target [32] ‖ flags u8 ‖ n_items u32 ‖ n_ok u32 ‖ n_void u32
 * ‖ n_excused u32 ‖ failed_shards Vec<u16>}.
 *
 * <p>Counts are kept below 2^31 (a Java {@code int}): any honest count is at most {@code τ·w}
 * and the ledger refuses larger ones, so larger values only come from malformed input and are
 * refused when decoding.
 *
 * @param flags {@link #ISSUED}, {@link #RECEIVED}, {@link #UNREACHABLE}; other bits 0
 * @param failedShards shards of the target with at least one failed item, ascending, distinct
 */
public record ReportEntry(
    ObjectId target, @Bcs.U8 int flags, int nItems, int nOk, int nVoid, int nExcused, List<Integer> failedShards) {
  /** The reporter sent the target a valid request. */
  public static final int ISSUED = 1;
  /** The target's valid request reached the reporter. */
  public static final int RECEIVED = 2;
  /** Issued, but no complete answer came by the window's close: all the target's shards count as failed. */
  public static final int UNREACHABLE = 4;
  static final int KNOWN_FLAGS = ISSUED | RECEIVED | UNREACHABLE;

  public ReportEntry {
    Objects.requireNonNull(target, "target");
    if ((flags & ~KNOWN_FLAGS) != 0 || flags < 0) {
      throw new IllegalArgumentException("unknown report flags " + flags);
    }
    if (nItems < 0 || nOk < 0 || nVoid < 0 || nExcused < 0) {
      throw new IllegalArgumentException("negative item count");
    }
    failedShards = List.copyOf(failedShards);
    for (int i = 0; i < failedShards.size(); i++) {
      int s = failedShards.get(i);
      if (s < 0 || s > 0xFFFF || (i > 0 && failedShards.get(i - 1) >= s)) {
        throw new IllegalArgumentException("failed shards must be distinct u16 values in ascending order");
      }
    }
  }

  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  void writeBcs(BcsWriter w) {
    w.fixedBytes(target.bytes()).u8(flags).u32(nItems).u32(nOk).u32(nVoid).u32(nExcused).uleb128(failedShards.size());
    for (int s : failedShards) {
      w.u16(s);
    }
  }

  static ReportEntry readBcs(BcsReader r) {
    ObjectId target = ObjectId.of(r.fixedBytes(ObjectId.LENGTH));
    int flags = r.u8();
    int[] counts = new int[4];
    for (int i = 0; i < 4; i++) {
      long v = r.u32();
      if (v > Integer.MAX_VALUE) {
        throw new BcsException("item count " + v + " is out of range");
      }
      counts[i] = (int) v;
    }
    int n = r.length(2);
    List<Integer> shards = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      shards.add(r.u16());
    }
    try {
      return new ReportEntry(target, flags, counts[0], counts[1], counts[2], counts[3], shards);
    } catch (IllegalArgumentException e) {
      throw new BcsException("invalid report entry: " + e.getMessage());
    }
  }
}
