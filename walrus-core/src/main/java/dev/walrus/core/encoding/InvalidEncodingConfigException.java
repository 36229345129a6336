package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/** A number of shards for which RS2 cannot work. */
public final class InvalidEncodingConfigException extends WalrusException {
  public InvalidEncodingConfigException(String message) {
    super(message);
  }
}
