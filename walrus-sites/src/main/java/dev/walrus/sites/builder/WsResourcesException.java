package dev.walrus.sites.builder;

/** A {@code ws-resources.json} that cannot be used; the message is one line naming where and why. */
public final class WsResourcesException extends SiteBuilderException {
  public WsResourcesException(String message) {
    super(message);
  }
}
