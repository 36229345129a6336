package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** Metadata that does not match its blob ID or the encoding config. */
public final class InvalidMetadataException extends WalrusException {
  public InvalidMetadataException(String message) {
    super(message);
  }
}
