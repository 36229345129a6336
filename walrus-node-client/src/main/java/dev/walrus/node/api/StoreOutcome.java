package dev.walrus.node.api;

/**
 * What a node answered to a metadata or sliver PUT, by HTTP status: {@code 201} stored now,
 * {@code 200} stored before, {@code 202} buffered until the blob is registered. All three mean
 * the data reached the node.
 */
public enum StoreOutcome {
  CREATED(201),
  ALREADY_STORED(200),
  BUFFERED(202);

  private final int httpStatus;

  StoreOutcome(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The outcome a status code stands for; {@link ApiFormatException} for other codes. */
  public static StoreOutcome fromHttpStatus(int status) {
    return switch (status) {
      case 201 -> CREATED;
      case 200 -> ALREADY_STORED;
      case 202 -> BUFFERED;
      default -> throw new ApiFormatException("HTTP " + status + " is not an answer to a store request");
    };
  }

  /** The message a node puts in the JSON envelope's {@code data}. */
  public String message() {
    return switch (this) {
      case CREATED -> "stored";
      case ALREADY_STORED -> "already stored";
      case BUFFERED -> "buffered until the blob is registered";
    };
  }
}
