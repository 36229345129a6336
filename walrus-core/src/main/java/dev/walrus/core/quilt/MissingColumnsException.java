package dev.walrus.core.quilt;

import java.util.List;

/**
 * A read needs columns (secondary slivers) that were not supplied. Not a fault of the data: the
 * reader fetches {@link #columns()} and tries again.
 */
public final class MissingColumnsException extends RuntimeException {
  private final List<Integer> columns;

  public MissingColumnsException(List<Integer> columns) {
    super("missing quilt columns (secondary slivers) " + columns);
    this.columns = List.copyOf(columns);
  }

  /** The missing column indices, ascending. */
  public List<Integer> columns() {
    return columns;
  }
}
