package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;
import java.util.Optional;

/**
 * The blob's slivers do not agree with its metadata: its writer encoded it inconsistently. When
 * the inconsistency was found by recovering a sliver from proven symbols, the exception carries the
 * proof that convinces other nodes.
 */
public final class InconsistentBlobException extends WalrusException {
  private final transient InconsistencyProof proof;

  public InconsistentBlobException(String message) {
    this(message, null);
  }

  public InconsistentBlobException(String message, InconsistencyProof proof) {
    super(message);
    this.proof = proof;
  }

  public Optional<InconsistencyProof> proof() {
    return Optional.ofNullable(proof);
  }
}
