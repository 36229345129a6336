package dev.walrus.node.api;

import dev.walrus.core.WalrusException;

/**
 * A storage-node API body (JSON) that is not what the API defines: not JSON at all, or JSON of the
 * wrong shape. The message names what was expected, so a misbehaving node is easy to identify.
 */
public final class ApiFormatException extends WalrusException {
  public ApiFormatException(String message) {
    super(message);
  }

  public ApiFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
