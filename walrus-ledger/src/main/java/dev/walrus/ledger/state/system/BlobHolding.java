package dev.walrus.ledger.state.system;

/**
 * How a blob ID's object is held, as recorded in the blob index: an owned {@code Blob}, or a
 * {@code SharedBlob} wrapping one (the index then names the shared object).
 */
public enum BlobHolding {
  OWNED,
  SHARED
}
