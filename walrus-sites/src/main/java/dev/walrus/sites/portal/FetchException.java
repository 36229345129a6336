package dev.walrus.sites.portal;

/** Why a resource's bytes could not be served; each kind has its own page and status. */
final class FetchException extends Exception {

  enum Kind {
    /** An aggregator answered 404: the blob's storage ended (sites.md §4.8). */
    EXPIRED,
    /** The bytes received do not hash to the resource's {@code blobHash} (§4.9). */
    INTEGRITY,
    /** The body is larger than the portal's {@code --max-body}. */
    TOO_LARGE,
    /** No aggregator gave an answer to use. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String blob;

  FetchException(Kind kind, String blob, String message) {
    super(message);
    this.kind = kind;
    this.blob = blob;
  }

  Kind kind() {
    return kind;
  }

  /** The blob (or quilt patch) ID asked for. */
  String blob() {
    return blob;
  }
}
