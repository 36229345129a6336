package dev.walrus.core.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsSignature;
import java.util.Objects;

/** One committee member's beacon share: its BLS signature on its {@link BeaconMessage}. */
public record BeaconAck(ObjectId nodeId, BlsSignature signature) {
  public BeaconAck {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(signature, "signature");
  }
}
