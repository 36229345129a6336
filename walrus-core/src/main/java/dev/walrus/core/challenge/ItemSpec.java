package dev.walrus.core.challenge;

import dev.walrus.core.BlobId;

/**
 * What one challenge item asks a target for (spec/challenges.md §5.3): for its shard {@code
 * shard} and draw {@code j}, blob {@code blobId}, whose sliver pair at that shard is {@code pair};
 * cell {@code A = X[pair][col]} of the target's primary row and cell {@code B = X[row][N−1−pair]}
 * of its secondary column, each with its Merkle path.
 */
public record ItemSpec(int shard, int j, BlobId blobId, int pair, int col, int row) {}
