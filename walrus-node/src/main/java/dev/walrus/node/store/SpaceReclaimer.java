package dev.walrus.node.store;

import dev.walrus.core.SliverType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of {@link NodeStore#reclaimSpace()}: per shard, sums the live bytes of each segment from
 * the locators in the shard's column families, deletes segments without live slivers, and
 * rewrites the live slivers of segments with at least {@link #GARBAGE_RATIO} garbage into the
 * shard's current segment before deleting them.
 *
 * <p>Only segments below the one appends go to are touched: no new sliver can point into them, so
 * their live set only shrinks while the pass runs. A moved sliver's key is switched to its new
 * place only if it still points at the old one ({@link NodeStore#replaceLocators}), and the old
 * file is deleted after the switch is durable, so a crash at any point leaves every sliver
 * readable, at worst twice on disk until the next pass.
 *
 * <p>Why 0.1: blobs stored together usually expire together, so most segments go from all live
 * to all garbage and cost nothing to reclaim; the threshold bounds what scattered deletions can
 * leave behind to a tenth of the segment bytes (the disk-use goal is 1.15 × the slivers held)
 * while a segment is rewritten at most once per tenth of it deleted.
 */
public final class SpaceReclaimer {
  private static final Logger LOG = LoggerFactory.getLogger(SpaceReclaimer.class);
  static final double GARBAGE_RATIO = 0.1;
  /** Slivers moved per batch, so the index write and the memory held stay small. */
  private static final int MOVE_BATCH = 512;

  /**
   * @param segmentsDeleted files deleted
   * @param bytesFreed their total size
   * @param bytesMoved live sliver bytes rewritten to other segments first
   */
  public record Result(int segmentsDeleted, long bytesFreed, long bytesMoved) {
    Result plus(Result o) {
      return new Result(segmentsDeleted + o.segmentsDeleted, bytesFreed + o.bytesFreed, bytesMoved + o.bytesMoved);
    }
  }

  private final NodeStore store;
  private final SliverSegments segments;

  SpaceReclaimer(NodeStore store, SliverSegments segments) {
    this.store = store;
    this.segments = segments;
  }

  Result run() {
    Result total = new Result(0, 0, 0);
    for (int shard : store.shards()) {
      try {
        total = total.plus(reclaim(shard));
      } catch (ShardNotStoredException | StoreClosedException e) {
        throw e;
      } catch (StoreException e) {
        LOG.warn("reclaiming space of shard {}: {}", shard, e.toString());
      }
    }
    if (total.segmentsDeleted() > 0) {
      LOG.info("reclaimed {} MB in {} segment files ({} MB of live slivers moved)", total.bytesFreed() / 1_000_000,
          total.segmentsDeleted(), total.bytesMoved() / 1_000_000);
    }
    return total;
  }

  private Result reclaim(int shard) {
    Map<Integer, Long> live = liveBytes(shard);
    int active = segments.activeSegment(shard);
    Long activeSize = segments.segments(shard).get(active);
    if (activeSize != null && isReclaimable(activeSize, live.getOrDefault(active, 0L)) && store.sealSegment(shard)) {
      // A shard smaller than a segment never fills its first one: end it so its garbage can go.
      // Appends went on while the live bytes were summed, so sum them again now the old segment
      // takes no more.
      live = liveBytes(shard);
      active = segments.activeSegment(shard);
    }
    TreeMap<Integer, Long> closed = new TreeMap<>(segments.segments(shard).headMap(active, false));
    if (closed.isEmpty()) {
      return new Result(0, 0, 0);
    }
    Result result = new Result(0, 0, 0);
    for (Map.Entry<Integer, Long> file : closed.entrySet()) {
      int segment = file.getKey();
      long liveBytes = live.getOrDefault(segment, 0L);
      long moved = 0;
      if (liveBytes > 0 && !isReclaimable(file.getValue(), liveBytes)) {
        continue;
      }
      if (liveBytes > 0) {
        moved = moveOut(shard, segment);
      }
      store.deleteSegment(shard, segment);
      result = result.plus(new Result(1, file.getValue(), moved));
    }
    return result;
  }

  /** Live sliver bytes per segment of {@code shard}, from its locators. */
  private Map<Integer, Long> liveBytes(int shard) {
    Map<Integer, Long> live = new HashMap<>();
    for (SliverType type : SliverType.values()) {
      store.forEachSliverValue(shard, type, (key, value) -> {
        if (SliverLocator.isLocator(value)) {
          SliverLocator at = SliverLocator.decode(value);
          live.merge(at.segment(), (long) at.length(), Long::sum);
        }
      });
    }
    return live;
  }

  /** Whether a segment of {@code fileBytes} holding {@code liveBytes} of slivers is worth rewriting. */
  private static boolean isReclaimable(long fileBytes, long liveBytes) {
    long data = fileBytes - SliverSegments.HEADER.length;
    return data > 0 && data - liveBytes >= GARBAGE_RATIO * data;
  }

  /** Rewrites every sliver still in {@code segment} to the shard's current segment; returns the bytes moved. */
  private long moveOut(int shard, int segment) {
    List<NodeStore.Move> batch = new ArrayList<>();
    long[] moved = {0};
    for (SliverType type : SliverType.values()) {
      store.forEachSliverValue(shard, type, (key, value) -> {
        if (!SliverLocator.isLocator(value)) {
          return;
        }
        SliverLocator from = SliverLocator.decode(value);
        if (from.segment() != segment) {
          return;
        }
        byte[] bytes = segments.read(shard, from);
        if (bytes == null) {
          return; // lost already; recovery fetches it again, moving garbage helps no one
        }
        batch.add(new NodeStore.Move(type, key, from, segments.append(shard, bytes)));
        moved[0] += bytes.length;
        if (batch.size() >= MOVE_BATCH) {
          store.replaceLocators(shard, batch);
          batch.clear();
        }
      });
    }
    if (!batch.isEmpty()) {
      store.replaceLocators(shard, batch);
    }
    return moved[0];
  }
}
