package dev.walrus.node.api;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.encoding.SliverData;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The slivers a shard's previous owner sends to its new owner ({@code POST
 * /v1/migrate/sync_shard}), in blob-ID order. BCS: {@code SyncShardResponse::V1} = variant 0 ‖
 * {@code Vec<(BlobId [32 bytes], Sliver)>}, where {@code Sliver} is variant 0 (primary) or 1
 * (secondary) ‖ {@code SliverData}.
 */
public record SyncShardResponse(List<Entry> entries) {
  /** Smallest BCS entry: blob ID, variant, empty data, symbol size and index. */
  private static final int MIN_ENTRY_BYTES = BlobId.LENGTH + 1 + 1 + 2 + 2;

  public SyncShardResponse {
    entries = List.copyOf(entries);
  }

  /** One blob's sliver; its axis is {@code sliver.type()}. */
  public record Entry(BlobId blobId, SliverData sliver) {
    public Entry {
      Objects.requireNonNull(blobId, "blobId");
      Objects.requireNonNull(sliver, "sliver");
    }
  }

  public byte[] toBcs() {
    long size = 8;
    for (Entry e : entries) {
      size += MIN_ENTRY_BYTES + 5 + e.sliver().length();
    }
    BcsWriter w = new BcsWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
    w.variant(0).uleb128(entries.size());
    for (Entry e : entries) {
      w.fixedBytes(e.blobId().bytes());
      w.variant(e.sliver().type().bcsIndex());
      e.sliver().writeBcs(w);
    }
    return w.toByteArray();
  }

  /** Decodes the whole body; {@link BcsException} for truncation, trailing bytes or bad tags. */
  public static SyncShardResponse fromBcs(byte[] bcs) {
    BcsReader r = new BcsReader(bcs);
    r.variant("SyncShardResponse", 1);
    int n = r.length(MIN_ENTRY_BYTES);
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BlobId id = BlobId.of(r.fixedBytes(BlobId.LENGTH));
      SliverType type = SliverType.fromBcsIndex(r.variant("Sliver", 2));
      entries.add(new Entry(id, SliverData.readBcs(type, r)));
    }
    r.finish();
    return new SyncShardResponse(entries);
  }
}
