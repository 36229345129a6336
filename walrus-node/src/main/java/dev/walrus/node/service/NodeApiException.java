package dev.walrus.node.service;

import dev.walrus.node.api.ApiError;

/** A request the node refuses, with the error it answers (the spec's AIP-193 format). */
public final class NodeApiException extends RuntimeException {
  private final ApiError error;

  public NodeApiException(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }

  static NodeApiException invalid(String reason, String message) {
    return new NodeApiException(ApiError.invalidArgument(reason, message));
  }

  static NodeApiException precondition(String reason, String message) {
    return new NodeApiException(ApiError.failedPrecondition(reason, message));
  }

  static NodeApiException notFound(String reason, String message) {
    return new NodeApiException(ApiError.notFound(reason, message));
  }
}
