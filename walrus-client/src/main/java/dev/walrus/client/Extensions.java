package dev.walrus.client;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extends many owned blobs with as few transactions as the ledger takes: {@code extend_blob}
 * operations grouped into batches of at most {@link Operation.Batch#MAX_OPERATIONS} (an
 * {@code extend_blob} encodes to about 40 bytes, so a full batch stays far below the ledger's
 * 64 KiB transaction limit). A batch is atomic: if one blob cannot be extended, the batch's
 * other blobs are not either, and the exception names the failing operation; batches committed
 * before it stay committed.
 */
final class Extensions {
  private Extensions() {}

  static ExtensionSummary extend(LedgerClient ledger, Ed25519KeyPair wallet, List<BlobObject> blobs, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    Set<ObjectId> seen = new LinkedHashSet<>();
    List<BlobObject> unique = new ArrayList<>();
    for (BlobObject b : blobs) {
      if (seen.add(b.id())) {
        unique.add(b);
      }
    }
    List<BlobExtension> extended = new ArrayList<>();
    Map<Long, Long> costBySize = new HashMap<>();
    long storageCost = 0;
    long fees = 0;
    int transactions = 0;
    for (int from = 0; from < unique.size(); from += Operation.Batch.MAX_OPERATIONS) {
      List<BlobObject> chunk = unique.subList(from, Math.min(unique.size(), from + Operation.Batch.MAX_OPERATIONS));
      List<Operation> ops = chunk.stream().<Operation>map(b -> new Operation.ExtendBlob(b.id(), epochs)).toList();
      Operation op = ops.size() == 1 ? ops.getFirst() : new Operation.Batch(ops);
      TransactionEffects effects = Registrations.ok(
          ops.size() == 1 ? "extend_blob" : "extend_blob of " + ops.size() + " blobs", ledger.execute(wallet, op));
      transactions++;
      fees = Math.addExact(fees, effects.feeCharged());
      extended.addAll(certified(effects));
      for (BlobObject b : chunk) {
        storageCost = Math.addExact(storageCost,
            costBySize.computeIfAbsent(b.size(), size -> ledger.cost(size, epochs).storageCost()));
      }
    }
    return new ExtensionSummary(epochs, extended, transactions, storageCost, fees);
  }

  private static List<BlobExtension> certified(TransactionEffects effects) {
    return effects.events().stream().map(EventEnvelope::event)
        .filter(LedgerEvent.BlobCertified.class::isInstance).map(LedgerEvent.BlobCertified.class::cast)
        .map(c -> new BlobExtension(c.objectId(), c.blobId(), c.endEpoch())).toList();
  }
}
