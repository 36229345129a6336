package dev.walrus.core.quilt;

import dev.walrus.core.WalrusException;
import java.util.Objects;

/**
 * A quilt that cannot be built from the given files, or quilt data, an index or a patch ID that is
 * malformed. {@link #reason()} says which, so callers (the daemon's error JSON, the CLI) can map
 * each kind without parsing messages.
 */
public class QuiltException extends WalrusException {
  /** What is wrong. */
  public enum Reason {
    /** An identifier is empty, too long, has trailing whitespace or a control character. */
    INVALID_IDENTIFIER,
    /** Two files have the same identifier. */
    DUPLICATE_IDENTIFIER,
    /** More files than columns left after the index ({@code n_s − 1}). */
    TOO_MANY_PATCHES,
    /** The files do not fit: symbol size above 65534, a patch or tags above their length fields. */
    TOO_LARGE,
    /** The quilt or a patch header carries a version other than 1. */
    UNSUPPORTED_VERSION,
    /** The quilt index is truncated, oversized or not valid BCS. */
    MALFORMED_INDEX,
    /** A patch's header, identifier or tags are inconsistent or not valid BCS. */
    MALFORMED_PATCH,
    /** A quilt patch ID is not 37 bytes of base64url with version 1 and a non-empty range. */
    INVALID_PATCH_ID,
    /** No patch with the identifier, or a patch ID outside the quilt. */
    PATCH_NOT_FOUND,
    /** The quilt blob's length is not a whole matrix for the network's shard count. */
    NOT_A_QUILT
  }

  private final Reason reason;

  public QuiltException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
