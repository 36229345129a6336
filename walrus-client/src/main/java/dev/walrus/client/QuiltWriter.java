package dev.walrus.client;

import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.Quilt;
import dev.walrus.core.quilt.QuiltEncoder;
import dev.walrus.core.quilt.QuiltFile;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store half of quilts: lays the files out as a QuiltV1 blob for the network's shard count,
 * stores that blob like any other, then marks the new Blob object with Walrus's attribute {@code
 * _walrusBlobType = quilt} so tools can tell quilts from plain blobs.
 */
final class QuiltWriter {
  /** Walrus's blob attribute naming the kind of blob, and its value for quilts. */
  static final String BLOB_TYPE_ATTRIBUTE = "_walrusBlobType";
  static final String QUILT_TYPE = "quilt";

  private static final Logger LOG = LoggerFactory.getLogger(QuiltWriter.class);

  private final Committees committees;
  private final BiFunction<byte[], StoreOptions, StoreResult> store;
  private final Consumer<ObjectId> markAsQuilt;

  QuiltWriter(Committees committees, BiFunction<byte[], StoreOptions, StoreResult> store, Consumer<ObjectId> markAsQuilt) {
    this.committees = committees;
    this.store = store;
    this.markAsQuilt = markAsQuilt;
  }

  QuiltStoreResult store(List<QuiltFile> files, StoreOptions options) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a quilt needs at least one file");
    }
    EncodingConfig config = EncodingConfig.forShards(committees.current().nShards());
    Quilt quilt = new QuiltEncoder(config).encode(files);
    StoreResult result = store.apply(quilt.bytesUnsafe(), options);
    if (result.outcome() == StoreResult.Outcome.MARKED_INVALID) {
      return new QuiltStoreResult(result, List.of());
    }
    if (result.isNewlyCreated()) {
      try {
        markAsQuilt.accept(result.objectId());
      } catch (RuntimeException e) {
        // The quilt is stored and certified; the attribute only labels it.
        LOG.warn("quilt {} stored, but marking blob object {} as a quilt failed: {}", result.blobId(),
            result.objectId(), e.getMessage());
      }
    }
    return new QuiltStoreResult(result,
        quilt.index().patches().stream().map(p -> StoredQuiltPatch.of(result.blobId(), p)).toList());
  }
}
