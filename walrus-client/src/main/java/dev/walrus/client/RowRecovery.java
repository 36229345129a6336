package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.DecodingSymbol;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InvalidSliverException;
import dev.walrus.core.encoding.NotEnoughSliversException;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverRecovery;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds one row of a blob (a systematic primary sliver) whose own node cannot serve it, from
 * the symbols that the other nodes' secondary slivers hold of that row: cell {@code (i, j)} of
 * the blob is symbol {@code i} of secondary sliver {@code j}, so any {@code s = n − f} of them
 * decode row {@code i}. Memory is one row's worth of symbols, whatever the blob's size — unlike
 * decoding from other primary slivers, which needs the whole blob.
 *
 * <p>First the cheap way: unproven decoding symbols, the rebuilt row checked against the
 * metadata. If that check fails (a node lied, or the blob is inconsistent), the row is rebuilt
 * from recovery symbols, each proven against its sliver's hash: liars' symbols are dropped, and
 * proven symbols that still do not give the committed row prove the blob inconsistent.
 */
final class RowRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(RowRecovery.class);

  private final NodeApi.Directory nodes;

  RowRecovery(NodeApi.Directory nodes) {
    this.nodes = nodes;
  }

  /**
   * Row {@code row}, verified against the metadata.
   *
   * @throws BlobUnavailableException if too few nodes give symbols
   * @throws dev.walrus.core.encoding.InconsistentBlobException if proven symbols show the blob
   *     was encoded inconsistently
   */
  SliverData recover(CommitteeView committee, BlobMetadataWithId metadata, int row) {
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    SliverRecovery recovery = new SliverRecovery(config);
    BlobId blobId = metadata.blobId();
    List<String> errors = new ArrayList<>();
    List<DecodingSymbol> symbols = fromAll(committee, errors, node -> {
      List<DecodingSymbol> got = node.decodingSymbols(blobId, List.of(row), SliverType.PRIMARY).get(row);
      return got == null ? List.of() : got;
    });
    try {
      return recovery.recoverFromDecodingSymbols(metadata.metadata(), SliverType.PRIMARY, row, symbols);
    } catch (NotEnoughSliversException e) {
      throw new BlobUnavailableException(blobId, "cannot rebuild row " + row + " of blob " + blobId + ": "
          + e.getMessage() + " (" + errors + ")");
    } catch (InvalidSliverException e) {
      LOG.warn("blob {}: row {} rebuilt from decoding symbols does not verify; using proven symbols", blobId, row);
    }
    List<RecoverySymbol> proven = fromAll(committee, errors, node -> node.recoverySymbols(blobId, row,
        SliverType.PRIMARY));
    try {
      return recovery.recover(metadata.metadata(), SliverType.PRIMARY, row, proven);
    } catch (NotEnoughSliversException e) {
      throw new BlobUnavailableException(blobId, "cannot rebuild row " + row + " of blob " + blobId
          + " from proven symbols: " + e.getMessage() + " (" + errors + ")");
    }
  }

  /** Asks every member at once and gathers what those that answer give. */
  private <T> List<T> fromAll(CommitteeView committee, List<String> errors, Function<NodeApi, List<T>> call) {
    List<Future<List<T>>> futures = new ArrayList<>();
    List<Member> members = committee.members().stream().filter(m -> m.weight() > 0).toList();
    List<T> out = new ArrayList<>();
    ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (Member m : members) {
        futures.add(exec.submit(() -> call.apply(nodes.node(m))));
      }
      for (int i = 0; i < futures.size(); i++) {
        try {
          out.addAll(futures.get(i).get());
        } catch (ExecutionException e) {
          if (errors.size() < 8) {
            errors.add(members.get(i).networkAddress() + ": " + e.getCause().getMessage());
          }
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalrusClientException("interrupted while rebuilding a row", e);
    } finally {
      exec.shutdownNow();
    }
  }
}
