package dev.walrus.client;

/**
 * A byte range that does not lie within the blob: a negative start, an empty range, or one that
 * ends past the blob's last byte (ranges are never clipped, so a reader knows it got all it asked
 * for). Raised before any byte is written.
 */
public final class InvalidByteRangeException extends WalrusClientException {
  private final long blobSize;

  public InvalidByteRangeException(String message, long blobSize) {
    super(message);
    this.blobSize = blobSize;
  }

  /** The blob's length in bytes. */
  public long blobSize() {
    return blobSize;
  }
}
