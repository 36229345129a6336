package dev.walrus.client;

/**
 * A failed storage-node call, reduced to what the SDK decides on: whether the node answered at
 * all, its HTTP status and the error's reason.
 */
final class NodeCallException extends RuntimeException {
  static final String NOT_REGISTERED = "NOT_REGISTERED";
  static final String SHARD_NOT_ASSIGNED = "SHARD_NOT_ASSIGNED";
  static final String CACHE_SATURATED = "CACHE_SATURATED";

  private final String node;
  private final int httpStatus;
  private final String reason;

  NodeCallException(String node, int httpStatus, String reason, String message, Throwable cause) {
    super(message, cause);
    this.node = node;
    this.httpStatus = httpStatus;
    this.reason = reason;
  }

  /** A node that gave no answer (connection refused, timeout). */
  static NodeCallException transport(String node, String message) {
    return new NodeCallException(node, 0, null, node + ": " + message, null);
  }

  String node() {
    return node;
  }

  int httpStatus() {
    return httpStatus;
  }

  String reason() {
    return reason;
  }

  boolean isTransport() {
    return httpStatus == 0;
  }

  /** 404: the node does not have the blob (or the sliver). */
  boolean isNotFound() {
    return httpStatus == 404;
  }

  /** 451: the node refuses to serve the blob for legal reasons; counts like not found. */
  boolean isForbidden() {
    return httpStatus == 451;
  }

  /** The node does not own the shard: the client's committee is out of date. */
  boolean isShardNotAssigned() {
    return SHARD_NOT_ASSIGNED.equals(reason);
  }

  /**
   * Worth asking the same node again after a pause: no answer, the node has not yet seen the
   * blob's registration, its buffer is full, or it is temporarily unavailable.
   */
  boolean isRetryable() {
    return isTransport() || NOT_REGISTERED.equals(reason) || CACHE_SATURATED.equals(reason)
        || httpStatus == 429 || httpStatus == 503 || httpStatus == 504;
  }
}
