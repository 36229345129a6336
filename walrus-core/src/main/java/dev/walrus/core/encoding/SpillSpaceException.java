package dev.walrus.core.encoding;

import dev.walrus.core.WalrusException;

/**
 * The temporary space an encoding of a large blob needs could not be had or used: too little free
 * disk, a directory that cannot hold files, a disk that filled up or failed during the encoding.
 */
public final class SpillSpaceException extends WalrusException {
  SpillSpaceException(String message, Throwable cause) {
    super(message, cause);
  }

  static String human(long bytes) {
    if (bytes < 1 << 20) {
      return bytes + " B";
    }
    return bytes < 1L << 30 ? String.format("%.1f MiB", bytes / (double) (1 << 20))
        : String.format("%.2f GiB", bytes / (double) (1L << 30));
  }
}
