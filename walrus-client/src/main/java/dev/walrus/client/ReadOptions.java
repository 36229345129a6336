package dev.walrus.client;

import dev.walrus.core.encoding.ConsistencyCheck;
import java.util.Objects;

/**
 * How to read a blob. Immutable. Default consistency check: {@link ConsistencyCheck#DEFAULT}
 * (re-hash the systematic slivers that were not fetched), which catches a writer that encoded
 * inconsistently at a fraction of {@link ConsistencyCheck#STRICT}'s full re-encode.
 */
public final class ReadOptions {
  private static final ReadOptions DEFAULTS = new ReadOptions(ConsistencyCheck.DEFAULT);

  private final ConsistencyCheck consistencyCheck;

  private ReadOptions(ConsistencyCheck consistencyCheck) {
    this.consistencyCheck = consistencyCheck;
  }

  public static ReadOptions defaults() {
    return DEFAULTS;
  }

  public ReadOptions withConsistencyCheck(ConsistencyCheck check) {
    return new ReadOptions(Objects.requireNonNull(check, "check"));
  }

  public ConsistencyCheck consistencyCheck() {
    return consistencyCheck;
  }

  @Override
  public String toString() {
    return "ReadOptions[consistencyCheck=" + consistencyCheck + "]";
  }
}
