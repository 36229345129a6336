package dev.walrus.core;

import java.util.Locale;

/**
 * The two axes of RedStuff: primary slivers are rows of the expanded matrix, secondary slivers
 * its columns. BCS variant indices: primary 0, secondary 1; URL and JSON form: lower case.
 */
public enum SliverType {
  PRIMARY,
  SECONDARY;

  /** The other axis: the code a sliver of this type is expanded with to be hashed. */
  public SliverType orthogonal() {
    return this == PRIMARY ? SECONDARY : PRIMARY;
  }

  public int bcsIndex() {
    return ordinal();
  }

  public static SliverType fromBcsIndex(int index) {
    return switch (index) {
      case 0 -> PRIMARY;
      case 1 -> SECONDARY;
      default -> throw new IllegalArgumentException("unknown sliver type " + index);
    };
  }

  /** {@code "primary"} or {@code "secondary"}, as in storage-node URLs. */
  public String urlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code "primary"} or {@code "secondary"}. */
  public static SliverType fromUrlName(String name) {
    return switch (name) {
      case "primary" -> PRIMARY;
      case "secondary" -> SECONDARY;
      default -> throw new IllegalArgumentException(
          "unknown sliver type '" + name + "': expected 'primary' or 'secondary'");
    };
  }
}
