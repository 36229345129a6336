package dev.walrus.core.encoding;

/** What a reader checks after decoding a blob (spec §10, Walrus's read options). */
public enum ConsistencyCheck {
  /** Nothing beyond the slivers' own verification. */
  SKIP,
  /**
   * Re-derive the hashes of the systematic primary slivers that were not read and compare them
   * with the metadata. Catches every encoder that lied about the data, at a fraction of the cost
   * of re-encoding.
   */
  DEFAULT,
  /** Re-encode the whole blob and compare the blob ID. */
  STRICT
}
