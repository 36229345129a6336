package dev.walrus.node.store;

/**
 * The store was used after {@link NodeStore#close()}. RocksDB would crash the JVM on a closed
 * handle, so every call checks first and throws this instead.
 */
public final class StoreClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  StoreClosedException(String directory) {
    super("the node store at " + directory + " is closed");
  }
}
