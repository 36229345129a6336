package dev.walrus.node.api;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a storage node knows about a blob ID ({@code GET /v1/blobs/{id}/status}, protocol.md
 * §4.3). JSON exactly as Walrus writes it: {@code "nonexistent"} | {@code {"invalid":{"event":…}}}
 * | {@code {"permanent":{"endEpoch":…,"isCertified":…,"statusEvent":…,"deletableCounts":{…},
 * "initialCertifiedEpoch":…|null}}} | {@code {"deletable":{"initialCertifiedEpoch":…,
 * "deletableCounts":{…}}}}.
 *
 * <p>Readers collect statuses from many nodes and start from the "latest" one; {@link #ORDER} is
 * that total order.
 */
public sealed interface BlobStatus {
  Nonexistent NONEXISTENT = new Nonexistent();

  /**
   * Walrus's total order: {@code Nonexistent < Deletable < Permanent < Invalid}; deletable ones by
   * (certified count, total count, earlier initial certification); permanent ones by (certified,
   * end epoch, deletable counts, earlier initial certification). An absent initial certification
   * epoch ranks above every present one, as in Walrus ({@code Reverse(Option)}).
   */
  Comparator<BlobStatus> ORDER = BlobStatus::compare;

  /** The JSON of this status. */
  String toJson();

  /** Whether some live object registers the blob. */
  default boolean isRegistered() {
    return this instanceof Permanent || this instanceof Deletable;
  }

  /** The epoch the blob was first certified in, or {@code null}. */
  default Integer initialCertifiedEpoch() {
    return switch (this) {
      case Permanent p -> p.initialCertifiedEpoch();
      case Deletable d -> d.initialCertifiedEpoch();
      default -> null;
    };
  }

  /** The blob ID is unknown, expired or deleted. */
  record Nonexistent() implements BlobStatus {
    @Override
    public String toJson() {
      return "\"nonexistent\"";
    }
  }

  /** The blob ID was proven inconsistent by the ledger event {@code event}. */
  record Invalid(EventId event) implements BlobStatus {
    public Invalid {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public String toJson() {
      return toJsonNode(this).toString();
    }
  }

  /**
   * A permanent {@code Blob} object exists (registered, or certified if {@code isCertified}) until
   * {@code endEpoch} (exclusive); {@code statusEvent} is the event that set this status.
   */
  record Permanent(
      int endEpoch,
      boolean isCertified,
      EventId statusEvent,
      DeletableCounts deletableCounts,
      Integer initialCertifiedEpoch)
      implements BlobStatus {
    public Permanent {
      Objects.requireNonNull(statusEvent, "statusEvent");
      Objects.requireNonNull(deletableCounts, "deletableCounts");
      if (endEpoch < 0 || (initialCertifiedEpoch != null && initialCertifiedEpoch < 0)) {
        throw new IllegalArgumentException("negative epoch");
      }
    }

    @Override
    public String toJson() {
      return toJsonNode(this).toString();
    }
  }

  /** Only deletable {@code Blob} objects exist; there is no event to check this against. */
  record Deletable(Integer initialCertifiedEpoch, DeletableCounts deletableCounts)
      implements BlobStatus {
    public Deletable {
      Objects.requireNonNull(deletableCounts, "deletableCounts");
      if (initialCertifiedEpoch != null && initialCertifiedEpoch < 0) {
        throw new IllegalArgumentException("negative epoch");
      }
    }

    @Override
    public String toJson() {
      return toJsonNode(this).toString();
    }
  }

  static JsonNode toJsonNode(BlobStatus status) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode outer = f.objectNode();
    switch (status) {
      case Nonexistent n -> {
        return f.stringNode("nonexistent");
      }
      case Invalid i -> outer.putObject("invalid").set("event", i.event().toJsonNode());
      case Permanent p -> {
        ObjectNode o = outer.putObject("permanent");
        o.put("endEpoch", p.endEpoch());
        o.put("isCertified", p.isCertified());
        o.set("statusEvent", p.statusEvent().toJsonNode());
        o.set("deletableCounts", p.deletableCounts().toJsonNode());
        putEpoch(o, p.initialCertifiedEpoch());
      }
      case Deletable d -> {
        ObjectNode o = outer.putObject("deletable");
        putEpoch(o, d.initialCertifiedEpoch());
        o.set("deletableCounts", d.deletableCounts().toJsonNode());
      }
    }
    return outer;
  }

  private static void putEpoch(ObjectNode o, Integer epoch) {
    if (epoch == null) {
      o.putNull("initialCertifiedEpoch");
    } else {
      o.put("initialCertifiedEpoch", epoch.intValue());
    }
  }

  static BlobStatus fromJson(String json) {
    return fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  static BlobStatus fromJson(byte[] json) {
    return fromJsonNode(NodeApiJson.readTree(json));
  }

  /** Parses the JSON tree; {@link ApiFormatException} for anything but the four forms. */
  static BlobStatus fromJsonNode(JsonNode node) {
    if (node != null && node.isString()) {
      if (node.stringValue().equals("nonexistent")) {
        return NONEXISTENT;
      }
      throw new ApiFormatException("unknown blob status '" + node.stringValue() + "'");
    }
    JsonFields.object(node, "blob status");
    if (node.size() != 1) {
      throw new ApiFormatException("a blob status object has exactly one variant key, got " + JsonFields.describe(node));
    }
    String variant = node.propertyNames().iterator().next();
    JsonNode body = JsonFields.object(node.get(variant), variant);
    return switch (variant) {
      case "invalid" -> new Invalid(EventId.fromJsonNode(JsonFields.field(body, "event", variant), "invalid.event"));
      case "permanent" -> new Permanent(
          JsonFields.u32(body, "endEpoch", variant),
          JsonFields.bool(body, "isCertified", variant),
          EventId.fromJsonNode(JsonFields.field(body, "statusEvent", variant), "permanent.statusEvent"),
          DeletableCounts.fromJsonNode(JsonFields.field(body, "deletableCounts", variant), "permanent.deletableCounts"),
          JsonFields.optionalU32(body, "initialCertifiedEpoch", variant));
      case "deletable" -> new Deletable(
          JsonFields.optionalU32(body, "initialCertifiedEpoch", variant),
          DeletableCounts.fromJsonNode(JsonFields.field(body, "deletableCounts", variant), "deletable.deletableCounts"));
      default -> throw new ApiFormatException("unknown blob status variant '" + variant + "'");
    };
  }

  private static int rank(BlobStatus s) {
    return switch (s) {
      case Nonexistent n -> 0;
      case Deletable d -> 1;
      case Permanent p -> 2;
      case Invalid i -> 3;
    };
  }

  private static int compare(BlobStatus a, BlobStatus b) {
    int byRank = Integer.compare(rank(a), rank(b));
    if (byRank != 0) {
      return byRank;
    }
    if (a instanceof Deletable x && b instanceof Deletable y) {
      int c = DeletableCounts.ORDER.compare(x.deletableCounts(), y.deletableCounts());
      return c != 0 ? c : compareInitialEpochs(x.initialCertifiedEpoch(), y.initialCertifiedEpoch());
    }
    if (a instanceof Permanent x && b instanceof Permanent y) {
      int c = Boolean.compare(x.isCertified(), y.isCertified());
      if (c == 0) {
        c = Integer.compare(x.endEpoch(), y.endEpoch());
      }
      if (c == 0) {
        c = DeletableCounts.ORDER.compare(x.deletableCounts(), y.deletableCounts());
      }
      return c != 0 ? c : compareInitialEpochs(x.initialCertifiedEpoch(), y.initialCertifiedEpoch());
    }
    return 0;
  }

  /** Earlier certification ranks higher; no certification epoch ranks highest. */
  private static int compareInitialEpochs(Integer a, Integer b) {
    if (Objects.equals(a, b)) {
      return 0;
    }
    if (a == null) {
      return 1;
    }
    if (b == null) {
      return -1;
    }
    return Integer.compare(b, a);
  }
}
