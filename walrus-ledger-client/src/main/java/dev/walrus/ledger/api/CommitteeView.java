package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsPublicKey;
import java.util.List;

/**
 * {@code GET /v1/committee}: the storage nodes of one epoch, sorted by node ID (the order
 * certificate signer bitmaps refer to), with their shards. Node details the ledger does not
 * offer yet (name, network address and key, stake) are absent.
 */
public record CommitteeView(int epoch, int nShards, List<Member> members) {

  public record Member(
      ObjectId nodeId,
      BlsPublicKey publicKey,
      List<Integer> shards,
      int weight,
      String name,
      String networkAddress,
      byte[] networkPublicKey,
      Long stake) {}
}
