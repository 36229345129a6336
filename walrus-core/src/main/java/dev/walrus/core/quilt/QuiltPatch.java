package dev.walrus.core.quilt;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One entry of a quilt index ({@code QuiltPatchV1}): a file's identifier, tags and the columns it
 * occupies, {@code [startIndex, endIndex)}. Only {@code endIndex} is serialized; the start is the
 * previous patch's end (the first patch starts after the index). Tags iterate in key order
 * (UTF-8 bytes).
 */
public record QuiltPatch(String identifier, Map<String, String> tags, int startIndex, int endIndex) {
  public QuiltPatch {
    Objects.requireNonNull(identifier, "identifier");
    TreeMap<String, String> copy = new TreeMap<>(QuiltIdentifiers.UTF8_ORDER);
    copy.putAll(tags);
    tags = Collections.unmodifiableSortedMap(copy);
  }

  /** Whether the patch has tag {@code key} with exactly {@code value}. */
  public boolean hasTag(String key, String value) {
    return value.equals(tags.get(key));
  }

  /** The patch's ID inside its quilt: version, start and end column. */
  public QuiltPatchId.Internal internalId() {
    return new QuiltPatchId.Internal(startIndex, endIndex);
  }

  /** Number of columns (secondary slivers) the patch occupies. */
  public int columnCount() {
    return endIndex - startIndex;
  }
}
