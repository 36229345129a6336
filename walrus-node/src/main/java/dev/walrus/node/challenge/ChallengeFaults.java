package dev.walrus.node.challenge;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Deliberate misbehaviour for the end-to-end tests of spec/challenges.md §12, set with the JVM
 * property {@code walrus.node.challenge.faults} (comma-separated); unset on every real node.
 * The tests need real node processes that cheat in the ways the design must catch:
 *
 * <ul>
 *   <li>{@code drop@E} — once epoch {@code E}'s change is done (plus a tenth of an epoch), delete
 *       every sliver of this node's shards and keep running, deleting again whatever the node's own
 *       self-healing brings back, and never report the loss ({@code shard_request_recovery}) — a
 *       cheater hides it; {@code drop@E:1} deletes one shard's; {@code drop@E+0.7} drops at 0.7 of
 *       the epoch instead.
 *   <li>{@code lazy} — never challenge and never report (answers challenges as usual).
 *   <li>{@code invert} — report the opposite of what was seen: every passing target as failed,
 *       every failing one as fine.
 *   <li>{@code fetch} — when the seed is out, try to read the challenged blobs from peers (as a
 *       node that lost its data would) and count the answers.
 *   <li>{@code lose@E:S} — not a cheat but an honest node's accident: at the moment {@code drop}
 *       would, delete the slivers of {@code S} shards (default 1) once, hand their blobs to
 *       recovery as a disk loss found by reads would be, and hold recovery back until epoch {@code
 *       E}'s window closes (a recovery that cannot finish in time); {@code +F} as for {@code drop}.
 * </ul>
 */
public record ChallengeFaults(
    OptionalInt dropEpoch, int dropShards, int dropAtPermille, boolean lazy, boolean invert, boolean fetch,
    OptionalInt loseEpoch, int loseShards, int loseAtPermille) {
  public static final ChallengeFaults NONE =
      new ChallengeFaults(OptionalInt.empty(), 0, 100, false, false, false, OptionalInt.empty(), 0, 100);
  public static final String PROPERTY = "walrus.node.challenge.faults";

  /** The faults named by the system property, or none. */
  public static ChallengeFaults fromSystemProperty() {
    return parse(System.getProperty(PROPERTY, ""));
  }

  public static ChallengeFaults parse(String text) {
    OptionalInt drop = OptionalInt.empty();
    int dropShards = 0;
    int dropAt = 100;
    boolean lazy = false;
    boolean invert = false;
    boolean fetch = false;
    OptionalInt lose = OptionalInt.empty();
    int loseShards = 0;
    int loseAt = 100;
    for (String raw : text.split(",")) {
      String f = raw.trim().toLowerCase(Locale.ROOT);
      if (f.isEmpty()) {
        continue;
      }
      if (f.startsWith("drop@")) {
        int[] at = moment(f.substring(5), Integer.MAX_VALUE);
        drop = OptionalInt.of(at[0]);
        dropShards = at[1];
        dropAt = at[2];
      } else if (f.startsWith("lose@")) {
        int[] at = moment(f.substring(5), 1);
        lose = OptionalInt.of(at[0]);
        loseShards = at[1];
        loseAt = at[2];
      } else {
        switch (f) {
          case "lazy" -> lazy = true;
          case "invert" -> invert = true;
          case "fetch" -> fetch = true;
          default -> throw new IllegalArgumentException("unknown challenge fault '" + f + "' in " + PROPERTY);
        }
      }
    }
    return new ChallengeFaults(drop, dropShards, dropAt, lazy, invert, fetch, lose, loseShards, loseAt);
  }

  /** {@code E[:S][+F]} as {epoch, shards, permille of the epoch}. */
  private static int[] moment(String spec, int defaultShards) {
    int at = 100;
    int plus = spec.indexOf('+');
    if (plus >= 0) {
      at = (int) Math.round(Double.parseDouble(spec.substring(plus + 1)) * 1000);
      spec = spec.substring(0, plus);
    }
    String[] parts = spec.split(":");
    return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : defaultShards, at};
  }

  public boolean any() {
    return !equals(NONE);
  }
}
