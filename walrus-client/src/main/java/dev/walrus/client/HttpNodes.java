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
import dev.walrus.node.client.StorageNodeClient;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.core.encoding.DecodingSymbol;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.node.api.EitherDecodingSymbol;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@link NodeApi} over the storage nodes' REST API, one shared HTTP client for all nodes. */
final class HttpNodes implements NodeApi.Directory {
  private final StorageNodeClients clients;

  HttpNodes(StorageNodeClients clients) {
    this.clients = clients;
  }

  @Override
  public NodeApi node(CommitteeView.Member member) {
    return new Node(clients.forNode(member.networkAddress(), member.networkPublicKey()));
  }

  @Override
  public void close() {
    clients.close();
  }

  private record Node(StorageNodeClient client) implements NodeApi {
    @Override
    public String address() {
      return client.node();
    }

    @Override
    public BlobMetadataWithId metadata(BlobId blobId) {
      return call(() -> client.metadata(blobId));
    }

    @Override
    public StoreOutcome putMetadata(BlobId blobId, BlobMetadata metadata, boolean pending) {
      return call(() -> client.putMetadata(blobId, metadata, pending));
    }

    @Override
    public SliverData sliver(BlobId blobId, int pairIndex, SliverType type) {
      return call(() -> client.sliver(blobId, pairIndex, type));
    }

    @Override
    public StoreOutcome putSliver(BlobId blobId, int pairIndex, SliverData sliver, boolean pending) {
      return call(() -> client.putSliver(blobId, pairIndex, sliver, pending));
    }

    @Override
    public SignedMessage<StorageConfirmation> confirmation(BlobId blobId, BlobPersistence persistence, Duration wait) {
      return call(() -> client.confirmation(blobId, persistence, wait));
    }

    @Override
    public BlobStatus blobStatus(BlobId blobId) {
      return call(() -> client.blobStatus(blobId));
    }

    @Override
    public SortedMap<Integer, List<DecodingSymbol>> decodingSymbols(BlobId blobId, List<Integer> targets,
        SliverType targetType) {
      SortedMap<Integer, List<DecodingSymbol>> out = new TreeMap<>();
      call(() -> client.decodingSymbols(blobId, targets, targetType)).forEach((target, symbols) ->
          out.put(target, symbols.stream().filter(e -> e.targetAxis() == targetType)
              .map(EitherDecodingSymbol::symbol).toList()));
      return out;
    }

    @Override
    public List<RecoverySymbol> recoverySymbols(BlobId blobId, int target, SliverType targetType) {
      return call(() -> client.recoverySymbols(blobId, target, targetType, null));
    }

    private <T> T call(Supplier<T> request) {
      try {
        return request.get();
      } catch (StorageNodeException e) {
        throw new NodeCallException(e.node(), e.httpStatus(), e.reason(), e.getMessage(), e);
      }
    }
  }
}
