package dev.walrus.node.api;

import java.util.Comparator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How many live deletable {@code Blob} objects a blob ID has, and how many of them are certified.
 * JSON keys stay snake_case ({@code count_deletable_total}, {@code count_deletable_certified})
 * even inside otherwise camelCase statuses, as Walrus emits them.
 */
public record DeletableCounts(int countDeletableTotal, int countDeletableCertified) {
  public static final DeletableCounts NONE = new DeletableCounts(0, 0);

  /** Walrus's order: certified count first, then the total. */
  public static final Comparator<DeletableCounts> ORDER =
      Comparator.comparingInt(DeletableCounts::countDeletableCertified)
          .thenComparingInt(DeletableCounts::countDeletableTotal);

  public DeletableCounts {
    if (countDeletableTotal < 0 || countDeletableCertified < 0) {
      throw new IllegalArgumentException("negative deletable counts");
    }
  }

  ObjectNode toJsonNode() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("count_deletable_total", countDeletableTotal);
    o.put("count_deletable_certified", countDeletableCertified);
    return o;
  }

  static DeletableCounts fromJsonNode(JsonNode node, String what) {
    JsonFields.object(node, what);
    return new DeletableCounts(
        JsonFields.u32(node, "count_deletable_total", what),
        JsonFields.u32(node, "count_deletable_certified", what));
  }
}
