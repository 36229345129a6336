package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The slivers of this node's shards that recovery knows are missing and has not rebuilt yet, per
 * shard — what the node needs to report its own losses before a challenge (spec/challenges.md
 * §8.5, {@code shard_request_recovery}).
 *
 * <p>Kept by the {@link BlobSyncer} as it works: a blob's entry is set when it is handed to
 * recovery after a loss (the scan at an epoch change, a sliver found lost on disk) and at every
 * attempt, to exactly the slivers still missing, and dropped when the blob is done or dropped.
 * So the counts are exact for the blobs recovery holds, without scanning the store.
 *
 * <p>Bounded: at most {@code capacity} blobs have an entry (a few ints each). A loss beyond that
 * marks its shards as missing an uncounted number of slivers; the mark stays until recovery's
 * whole work list is drained ({@link #workListDrained}), so a shard is never believed whole while
 * it may not be.
 */
public final class MissingSlivers {
  private final int capacity;
  /** Per blob, its missing slivers as {@code shard << 1 | axis} (axis 0 primary, 1 secondary), sorted. */
  private final Map<BlobId, int[]> byBlob = new HashMap<>();
  private final Map<Integer, Integer> perShard = new TreeMap<>();
  private final Set<Integer> uncounted = new TreeSet<>();
  private long repaired;

  public MissingSlivers(int capacity) {
    this.capacity = capacity;
  }

  /** Sets the slivers {@code blobId} misses now ({@code shard << 1 | axis}); empty forgets the blob. */
  synchronized void set(BlobId blobId, int[] missing) {
    int[] now = missing.clone();
    Arrays.sort(now);
    int[] before = byBlob.get(blobId);
    if (before == null && now.length > 0 && byBlob.size() >= capacity) {
      for (int s : now) {
        uncounted.add(s >>> 1);
      }
      return;
    }
    int[] old = before == null ? new int[0] : before;
    for (int s : old) {
      if (Arrays.binarySearch(now, s) < 0) {
        add(s >>> 1, -1);
        repaired++;
      }
    }
    for (int s : now) {
      if (Arrays.binarySearch(old, s) < 0) {
        add(s >>> 1, 1);
      }
    }
    if (now.length == 0) {
      byBlob.remove(blobId);
    } else {
      byBlob.put(blobId, now);
    }
  }

  /** The blob left recovery (done, or no longer stored): its entry goes without counting as repaired. */
  synchronized void forget(BlobId blobId) {
    int[] old = byBlob.remove(blobId);
    if (old != null) {
      for (int s : old) {
        add(s >>> 1, -1);
      }
    }
  }

  synchronized boolean hasUncounted() {
    return !uncounted.isEmpty();
  }

  /** Recovery's persistent work list is empty: nothing uncounted can be missing any more. */
  synchronized void workListDrained() {
    uncounted.clear();
  }

  private void add(int shard, int delta) {
    perShard.merge(shard, delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  /** Missing slivers per shard, over all blobs with an entry. */
  public synchronized Map<Integer, Integer> perShard() {
    return new TreeMap<>(perShard);
  }

  /** Missing slivers per shard of the blobs that pass {@code counts} (e.g. those a challenge can ask for). */
  public Map<Integer, Integer> perShard(Predicate<BlobId> counts) {
    Map<Integer, Integer> out = new TreeMap<>();
    List<Map.Entry<BlobId, int[]>> entries;
    synchronized (this) {
      if (perShard.isEmpty()) {
        return out;
      }
      // The test may read the store: it runs on a copy, not under the lock.
      entries = byBlob.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
    for (Map.Entry<BlobId, int[]> e : entries) {
      if (counts.test(e.getKey())) {
        for (int s : e.getValue()) {
          out.merge(s >>> 1, 1, Integer::sum);
        }
      }
    }
    return out;
  }

  /** Shards that lost more slivers than could be tracked one by one (see the class comment). */
  public synchronized Set<Integer> uncountedShards() {
    return new HashSet<>(uncounted);
  }

  /** Slivers found missing and later found present again, since start (to measure recovery's pace). */
  public synchronized long repaired() {
    return repaired;
  }

  /** Blobs with an entry. */
  public synchronized int blobs() {
    return byBlob.size();
  }

  static int key(int shard, SliverType type) {
    return shard << 1 | (type == SliverType.PRIMARY ? 0 : 1);
  }
}
