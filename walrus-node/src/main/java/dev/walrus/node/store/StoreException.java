package dev.walrus.node.store;

/** RocksDB reported an error (I/O error, corruption, out of space): the store cannot go on as asked. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
