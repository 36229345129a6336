package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.SliverData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Uploads that arrived before the node saw the blob's registration ({@code ?pending=true}), kept
 * in memory for a short while and bounded in count and bytes, as Walrus does: 1 024 metadata
 * entries, 20 480 slivers, 1 GiB, 4 MiB per sliver, 60 s. They are written to the store when the
 * {@code BlobRegistered} event arrives and dropped silently when it does not.
 */
final class PendingUploads {
  static final int MAX_METADATA = 1024;
  static final int MAX_SLIVERS = 20_480;
  static final long MAX_BYTES = 1L << 30;
  static final int MAX_SLIVER_BYTES = 4 << 20;
  static final long TTL_NANOS = 60_000_000_000L;

  record Sliver(int shard, SliverData data, long addedNanos) {}

  private record Meta(BlobMetadata metadata, long addedNanos) {}

  private final Map<BlobId, Meta> metadata = new LinkedHashMap<>();
  private final Map<BlobId, List<Sliver>> slivers = new LinkedHashMap<>();
  private int sliverCount;
  private long bytes;

  /** Returns false when the cache is full. */
  synchronized boolean putMetadata(BlobId id, BlobMetadata m) {
    expire();
    if (metadata.containsKey(id)) {
      return true;
    }
    if (metadata.size() >= MAX_METADATA) {
      return false;
    }
    metadata.put(id, new Meta(m, System.nanoTime()));
    return true;
  }

  synchronized BlobMetadata metadata(BlobId id) {
    expire();
    Meta m = metadata.get(id);
    return m == null ? null : m.metadata();
  }

  /** Returns false when the cache is full. */
  synchronized boolean putSliver(BlobId id, int shard, SliverData sliver) {
    expire();
    if (sliverCount >= MAX_SLIVERS || bytes + sliver.length() > MAX_BYTES) {
      return false;
    }
    List<Sliver> list = slivers.computeIfAbsent(id, k -> new ArrayList<>());
    for (Sliver s : list) {
      if (s.shard() == shard && s.data().type() == sliver.type()) {
        return true;
      }
    }
    list.add(new Sliver(shard, sliver, System.nanoTime()));
    sliverCount++;
    bytes += sliver.length();
    return true;
  }

  synchronized boolean hasSliver(BlobId id, int shard, dev.walrus.core.SliverType type) {
    expire();
    List<Sliver> list = slivers.get(id);
    return list != null && list.stream().anyMatch(s -> s.shard() == shard && s.data().type() == type);
  }

  /** Removes and returns what was buffered for {@code id}. */
  synchronized Taken take(BlobId id) {
    Meta m = metadata.remove(id);
    List<Sliver> list = slivers.remove(id);
    if (list != null) {
      sliverCount -= list.size();
      for (Sliver s : list) {
        bytes -= s.data().length();
      }
    }
    return new Taken(m == null ? null : m.metadata(), list == null ? List.of() : list);
  }

  record Taken(BlobMetadata metadata, List<Sliver> slivers) {}

  private void expire() {
    long now = System.nanoTime();
    metadata.values().removeIf(m -> now - m.addedNanos() > TTL_NANOS);
    for (Iterator<List<Sliver>> it = slivers.values().iterator(); it.hasNext(); ) {
      List<Sliver> list = it.next();
      for (Iterator<Sliver> si = list.iterator(); si.hasNext(); ) {
        Sliver s = si.next();
        if (now - s.addedNanos() > TTL_NANOS) {
          si.remove();
          sliverCount--;
          bytes -= s.data().length();
        }
      }
      if (list.isEmpty()) {
        it.remove();
      }
    }
  }
}
