package dev.walrus.client;

import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.StoreOutcome;
import dev.walrus.core.encoding.DecodingSymbol;
import dev.walrus.core.encoding.RecoverySymbol;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;

/**
 * The storage-node calls the SDK makes, as a seam: production code goes through {@link
 * HttpNodes}, tests substitute nodes that lie or fail. Every failure is a {@link
 * NodeCallException}. Nothing here is verified; the callers verify.
 */
interface NodeApi {
  String address();

  BlobMetadataWithId metadata(BlobId blobId);

  /** @param pending whether the node may buffer it until it sees the blob's registration */
  StoreOutcome putMetadata(BlobId blobId, BlobMetadata metadata, boolean pending);

  SliverData sliver(BlobId blobId, int pairIndex, SliverType type);

  StoreOutcome putSliver(BlobId blobId, int pairIndex, SliverData sliver, boolean pending);

  SignedMessage<StorageConfirmation> confirmation(BlobId blobId, BlobPersistence persistence, Duration wait);

  BlobStatus blobStatus(BlobId blobId);

  /** For each target (a systematic sliver of {@code targetType}), the decoding symbols the node's shards give. */
  SortedMap<Integer, List<DecodingSymbol>> decodingSymbols(BlobId blobId, List<Integer> targets, SliverType targetType);

  /** Every proven recovery symbol the node's shards give towards sliver {@code target} of {@code targetType}. */
  List<RecoverySymbol> recoverySymbols(BlobId blobId, int target, SliverType targetType);

  /** Finds the node at a committee member's network address. */
  interface Directory extends AutoCloseable {
    /** The API of {@code member}, reached at its registered address and trusted by its registered network key. */
    NodeApi node(CommitteeView.Member member);

    @Override
    void close();
  }
}
