package dev.walrus.node.api;

import java.util.Locale;

/**
 * Whether a node holds a blob's metadata or a sliver: JSON {@code "nonexistent"}, {@code
 * "buffered"} (accepted before registration, held in memory) or {@code "stored"}. Writers ask
 * before uploading, so they do not send what a node already has.
 */
public enum StoredOnNodeStatus {
  NONEXISTENT,
  BUFFERED,
  STORED;

  /** The JSON string value (without quotes). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StoredOnNodeStatus fromJsonName(String name) {
    return switch (name) {
      case "nonexistent" -> NONEXISTENT;
      case "buffered" -> BUFFERED;
      case "stored" -> STORED;
      default -> throw new ApiFormatException("unknown stored-on-node status '" + name + "'");
    };
  }
}
