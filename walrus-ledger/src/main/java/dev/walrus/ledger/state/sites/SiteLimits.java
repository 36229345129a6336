package dev.walrus.ledger.state.sites;

import java.util.Set;

/**
 * The bounds of a site. Walrus leaves most of them to Sui's object and transaction limits
 * (sites.md §5); a ledger of our own has to state them. They keep one transaction's work, one
 * resource's size and one site's footprint bounded: a diff touches at most {@link
 * #MAX_DIFF_ENTRIES} resources, and destroying a site walks at most {@link #MAX_RESOURCES}.
 */
public final class SiteLimits {
  private SiteLimits() {}

  public static final int MAX_NAME_BYTES = 256;
  public static final int MAX_METADATA_FIELD_BYTES = 2_048;
  /** sites.md §5: the builder refuses longer paths (BCS size). */
  public static final int MAX_PATH_BYTES = 2_050;
  public static final int MAX_HEADER_NAME_BYTES = 256;
  public static final int MAX_HEADER_VALUE_BYTES = 8_192;
  public static final int MAX_HEADERS = 256;
  public static final int BLOB_HASH_BYTES = 32;
  /** Version byte, start column (u16 LE), end column (u16 LE): sites.md §1.2. */
  public static final int QUILT_PATCH_BYTES = 5;
  public static final int QUILT_PATCH_VERSION = 1;
  public static final int MAX_PATTERN_BYTES = 1_024;
  public static final int MAX_ROUTES = 1_000;
  public static final int MAX_REDIRECTS = 1_000;
  public static final int MAX_LOCATION_BYTES = 2_048;
  public static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
  /** Deletes plus puts in one {@code UpdateSite}. */
  public static final int MAX_DIFF_ENTRIES = 1_000;
  public static final int MAX_RESOURCES = 100_000;
}
