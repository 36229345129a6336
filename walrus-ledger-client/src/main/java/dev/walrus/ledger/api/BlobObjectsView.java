package dev.walrus.ledger.api;

import dev.walrus.core.BlobId;
import java.util.List;

/**
 * {@code GET /v1/blobs/{blobId}}: every Blob object registered with this blob ID (a blob ID can
 * be registered several times, e.g. as separate deletable blobs), shared ones included.
 */
public record BlobObjectsView(BlobId blobId, List<ObjectView> objects) {}
