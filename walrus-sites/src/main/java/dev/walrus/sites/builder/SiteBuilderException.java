package dev.walrus.sites.builder;

import dev.walrus.core.WalrusException;

/** A deploy, destroy or query of a site that cannot go on; the message says why in one line. */
public class SiteBuilderException extends WalrusException {
  public SiteBuilderException(String message) {
    super(message);
  }

  public SiteBuilderException(String message, Throwable cause) {
    super(message, cause);
  }
}
