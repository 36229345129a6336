package dev.walrus.ledger.state.sites;

/**
 * Abort codes of the {@code site} module. An aborted site operation changes nothing but the
 * sender's fee and sequence number.
 */
public final class SiteErrors {
  private SiteErrors() {}

  public static final String MODULE = "site";
  /** No site has this ID (never created, destroyed, or the object is of another type). */
  public static final int NOT_FOUND = 0;
  /** The sender does not own the site. */
  public static final int NOT_OWNER = 1;
  /** The name is empty, too long or holds control characters. */
  public static final int INVALID_NAME = 2;
  /** A metadata field is too long or holds control characters. */
  public static final int INVALID_METADATA = 3;
  /** A resource path breaks the path rules ({@link SiteLimits}). */
  public static final int INVALID_PATH = 4;
  /** A header name or value is malformed, or there are too many or duplicate headers. */
  public static final int INVALID_HEADER = 5;
  /** The blob hash is not 32 bytes. */
  public static final int INVALID_BLOB_HASH = 6;
  /** The quilt patch ID is not 5 bytes of version 1 with start below end. */
  public static final int INVALID_QUILT_PATCH = 7;
  /** The range has no end, a negative end, or {@code end <= start}. */
  public static final int INVALID_RANGE = 8;
  /** A route is malformed, duplicated, or there are too many. */
  public static final int INVALID_ROUTE = 9;
  /** A redirect is malformed, duplicated, has a status outside 301/302/303/307/308, or there are too many. */
  public static final int INVALID_REDIRECT = 10;
  /** The diff has more deletes and puts together than one transaction may carry. */
  public static final int DIFF_TOO_LARGE = 11;
  /** A path is deleted twice, put twice, or both deleted and put in one diff. */
  public static final int DIFF_CONFLICT = 12;
  /** A delete names a path the site does not hold (the diff was built against another version). */
  public static final int NO_SUCH_RESOURCE = 13;
  /** The site would hold more resources than a site may. */
  public static final int TOO_MANY_RESOURCES = 14;
}
