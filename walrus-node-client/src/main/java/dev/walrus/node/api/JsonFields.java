package dev.walrus.node.api;

import tools.jackson.databind.JsonNode;

/**
 * Strict readers for hand-parsed JSON: a missing field or a value of the wrong type or range is an
 * {@link ApiFormatException} naming the field, never a silent default.
 */
final class JsonFields {
  private JsonFields() {}

  static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new ApiFormatException(what + " must be a JSON object, got " + describe(node));
    }
    return node;
  }

  static JsonNode field(JsonNode object, String name, String what) {
    JsonNode v = object.get(name);
    if (v == null) {
      throw new ApiFormatException(what + " lacks the field '" + name + "'");
    }
    return v;
  }

  static String string(JsonNode object, String name, String what) {
    JsonNode v = field(object, name, what);
    if (!v.isString()) {
      throw new ApiFormatException(what + "." + name + " must be a string, got " + describe(v));
    }
    return v.stringValue();
  }

  static boolean bool(JsonNode object, String name, String what) {
    JsonNode v = field(object, name, what);
    if (!v.isBoolean()) {
      throw new ApiFormatException(what + "." + name + " must be a boolean, got " + describe(v));
    }
    return v.booleanValue();
  }

  /** A u32 that Java holds in an int (epochs and counts stay below 2^31). */
  static int u32(JsonNode object, String name, String what) {
    return u32(field(object, name, what), what + "." + name);
  }

  static int u32(JsonNode v, String what) {
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new ApiFormatException(what + " must be an integer in [0, 2^31), got " + describe(v));
    }
    return v.intValue();
  }

  /** A u32 or {@code null}; a missing field counts as {@code null}. */
  static Integer optionalU32(JsonNode object, String name, String what) {
    JsonNode v = object.get(name);
    return v == null || v.isNull() ? null : u32(v, what + "." + name);
  }

  static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + " " + (text.length() > 80 ? text.substring(0, 80) + "…" : text);
  }
}
