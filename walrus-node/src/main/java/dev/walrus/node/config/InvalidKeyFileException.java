package dev.walrus.node.config;

import java.io.IOException;
import java.nio.file.Path;

/** A key file that exists but does not hold a key of the expected kind. */
public final class InvalidKeyFileException extends IOException {
  private static final long serialVersionUID = 1L;

  InvalidKeyFileException(Path file, String what, String reason) {
    super(file + " is not a valid " + what + " file: " + reason);
  }
}
