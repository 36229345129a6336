package dev.walrus.core.quilt;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * One file of a quilt (Walrus's {@code QuiltStoreBlob}): what goes in when a quilt is built and
 * what comes out when a patch is read. The identifier is validated on construction; tags are kept
 * in Rust's {@code BTreeMap} order (UTF-8 bytes) for display. Immutable: the data is copied in and
 * out.
 */
public final class QuiltFile {
  private final String identifier;
  private final SortedMap<String, String> tags;
  private final byte[] data;

  private QuiltFile(String identifier, Map<String, String> tags, byte[] data) {
    QuiltIdentifiers.validate(identifier);
    TreeMap<String, String> sorted = new TreeMap<>(QuiltIdentifiers.UTF8_ORDER);
    tags.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "tag key"), Objects.requireNonNull(v, "tag value")));
    this.identifier = identifier;
    this.tags = Collections.unmodifiableSortedMap(sorted);
    this.data = data;
  }

  /**
   * @throws QuiltException ({@link QuiltException.Reason#INVALID_IDENTIFIER}) if the identifier
   *     breaks {@link QuiltIdentifiers#validate}'s rules
   */
  public static QuiltFile of(String identifier, Map<String, String> tags, byte[] data) {
    return new QuiltFile(identifier, tags, data.clone());
  }

  public static QuiltFile of(String identifier, byte[] data) {
    return of(identifier, Map.of(), data);
  }

  /** A file that takes ownership of {@code data} (decoding, where the array is fresh). */
  static QuiltFile wrap(String identifier, Map<String, String> tags, byte[] data) {
    return new QuiltFile(identifier, tags, data);
  }

  public String identifier() {
    return identifier;
  }

  /** The tags, sorted by key (UTF-8 byte order). */
  public SortedMap<String, String> tags() {
    return tags;
  }

  /** A copy of the contents. */
  public byte[] data() {
    return data.clone();
  }

  public int size() {
    return data.length;
  }

  /** The contents without copying, for this package's encoder. */
  byte[] array() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuiltFile f && identifier.equals(f.identifier) && tags.equals(f.tags)
        && Arrays.equals(data, f.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(identifier, tags, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "QuiltFile[" + identifier + ", tags=" + tags + ", " + data.length + " B]";
  }
}
