package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.api.Operation;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.ledger.NodeLedger;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.service.SymbolService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an inconsistency proof into an invalidated blob ID (protocol.md §5.3 step 3): sends the
 * proof to every committee member, keeps the attestations whose signature and content check out,
 * and once they carry at least f + 1 shards of weight submits {@code invalidate_blob_id} with their
 * aggregate. The resulting {@code InvalidBlobID} event makes every node drop the data.
 */
public final class Invalidator {
  private static final Logger LOG = LoggerFactory.getLogger(Invalidator.class);

  private final NodeContext node;
  private final Peers peers;
  private final SymbolService symbols;
  private final NodeLedger ledger;
  private final Set<BlobId> inProgress = ConcurrentHashMap.newKeySet();

  public Invalidator(NodeContext node, Peers peers, SymbolService symbols, NodeLedger ledger) {
    this.node = node;
    this.peers = peers;
    this.symbols = symbols;
    this.ledger = ledger;
  }

  /** Starts the invalidation in the background (once per blob at a time). */
  public void invalidate(InconsistencyFound found) {
    if (!inProgress.add(found.blobId())) {
      return;
    }
    Thread.ofVirtual().name("invalidate").start(() -> {
      try {
        run(found);
      } catch (RuntimeException e) {
        LOG.warn("invalidating blob {} failed: {}", found.blobId(), e.toString());
      } finally {
        inProgress.remove(found.blobId());
      }
    });
  }

  private void run(InconsistencyFound found) {
    Committees committees = node.committee();
    BlobId blobId = found.blobId();
    List<Member> members = committees.current().members();
    int validity = committees.encoding().validityWeight();
    byte[] proofBcs = found.proof().toBcs();
    List<Integer> signers = new ArrayList<>();
    List<SignedMessage<InvalidBlobIdMessage>> messages = new ArrayList<>();
    int weight = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<SignedMessage<InvalidBlobIdMessage>>> answers = new ArrayList<>();
      for (Member m : members) {
        answers.add(pool.submit(() -> m.publicKey().equals(committees.self())
            ? symbols.checkInconsistency(blobId, found.proof().targetType(), proofBcs)
            : peers.client(m).inconsistencyProof(blobId, found.proof())));
      }
      for (int i = 0; i < members.size(); i++) {
        try {
          SignedMessage<InvalidBlobIdMessage> signed = answers.get(i).get(60, TimeUnit.SECONDS);
          InvalidBlobIdMessage message = signed.verify(members.get(i).publicKey());
          if (!message.blobId().equals(blobId) || message.epoch() != committees.epoch()) {
            continue;
          }
          signers.add(i);
          messages.add(signed);
          weight += members.get(i).weight();
        } catch (Exception e) {
          LOG.debug("attestation of {} from {}: {}", blobId, members.get(i).networkAddress(), e.toString());
        }
      }
    }
    if (weight < validity) {
      LOG.warn("only {} of the {} shards needed attested that blob {} is invalid", weight, validity, blobId);
      return;
    }
    ProtocolMessageCertificate certificate = ProtocolMessageCertificate.fromSignedMessages(
        signers.stream().mapToInt(Integer::intValue).toArray(), messages);
    ledger.execute(new Operation.InvalidateBlobId(certificate.signature(),
        certificate.signersBitmap(members.size()), certificate.serializedMessage()));
    LOG.info("submitted the invalidation of blob {} with {} shards of attestations", blobId, weight);
  }
}
