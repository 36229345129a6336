package dev.walrus.node.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A storage-node error in the AIP-193 form of protocol.md §6: {@code {"error":{"code":…,
 * "status":…,"message":…,"details":[{"@type":"ErrorInfo","reason":…,"domain":…,
 * "metadata":{…}}]}}}. {@code (reason, domain)} identify the error for machines; {@code status}
 * is the general class and {@code code} its HTTP status.
 *
 * @param code HTTP status
 * @param status UPPER_SNAKE_CASE class, e.g. {@code INVALID_ARGUMENT}
 * @param message for people
 * @param reason e.g. {@code INVALID_SLIVER}; {@code null} leaves {@code details} empty
 * @param domain {@link #STORAGE_DOMAIN} or {@link #GLOBAL_DOMAIN}; may be {@code null} when parsed
 * @param metadata the dynamic values of the message, as text
 */
public record ApiError(
    int code, String status, String message, String reason, String domain, Map<String, String> metadata) {
  public static final String STORAGE_DOMAIN = "storage.walrus.space";
  public static final String GLOBAL_DOMAIN = "global";

  public ApiError {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The same error with one more metadata entry. */
  public ApiError with(String key, Object value) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    m.put(key, String.valueOf(value));
    return new ApiError(code, status, message, reason, domain, m);
  }

  public static ApiError of(int code, String status, String reason, String message) {
    return new ApiError(code, status, message, reason, STORAGE_DOMAIN, Map.of());
  }

  public static ApiError invalidArgument(String reason, String message) {
    return of(400, "INVALID_ARGUMENT", reason, message);
  }

  public static ApiError failedPrecondition(String reason, String message) {
    return of(400, "FAILED_PRECONDITION", reason, message);
  }

  public static ApiError unauthenticated(String reason, String message) {
    return of(401, "UNAUTHENTICATED", reason, message);
  }

  public static ApiError permissionDenied(String reason, String message) {
    return of(403, "PERMISSION_DENIED", reason, message);
  }

  /** A resource larger than this node accepts (Walrus maps {@code SIZE_EXCEEDED} to 403). */
  public static ApiError sizeExceeded(String reason, String message) {
    return of(403, "SIZE_EXCEEDED", reason, message);
  }

  public static ApiError notFound(String reason, String message) {
    return of(404, "NOT_FOUND", reason, message);
  }

  public static ApiError rangeNotSatisfiable(String reason, String message) {
    return of(416, "RANGE_NOT_SATISFIABLE", reason, message);
  }

  public static ApiError resourceExhausted(String reason, String message) {
    return of(429, "RESOURCE_EXHAUSTED", reason, message);
  }

  /** A blocked blob ({@code FORBIDDEN_BLOB}). */
  public static ApiError unavailableForLegalReasons(String reason, String message) {
    return of(451, "UNAVAILABLE_FOR_LEGAL_REASONS", reason, message);
  }

  /** Walrus's generic internal error: reason {@code INTERNAL_ERROR}, domain {@code global}. */
  public static ApiError internal(String message) {
    return new ApiError(500, "INTERNAL", message, "INTERNAL_ERROR", GLOBAL_DOMAIN, Map.of());
  }

  public static ApiError internal(String reason, String message) {
    return of(500, "INTERNAL", reason, message);
  }

  /** Walrus's generic overload answer: reason {@code UNAVAILABLE}, domain {@code global}. */
  public static ApiError unavailable() {
    return new ApiError(503, "UNAVAILABLE", "the service is currently unavailable", "UNAVAILABLE", GLOBAL_DOMAIN, Map.of());
  }

  public static ApiError unavailable(String reason, String message) {
    return of(503, "UNAVAILABLE", reason, message);
  }

  public static ApiError deadlineExceeded(String reason, String message) {
    return of(504, "DEADLINE_EXCEEDED", reason, message);
  }

  public String toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("status", status);
    error.put("message", message);
    ArrayNode details = error.putArray("details");
    if (reason != null) {
      ObjectNode info = details.addObject();
      info.put("@type", "ErrorInfo");
      info.put("reason", reason);
      info.put("domain", domain == null ? STORAGE_DOMAIN : domain);
      ObjectNode meta = info.putObject("metadata");
      metadata.forEach(meta::put);
    }
    return root.toString();
  }

  public byte[] toJsonBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses the error JSON leniently (missing fields become {@code 0}, {@code ""} or {@code null};
   * non-string metadata values become their JSON text), because errors may come from proxies or
   * other implementations. Throws {@link ApiFormatException} for a body that is not JSON or has no
   * {@code error} object.
   */
  public static ApiError fromJson(byte[] json) {
    JsonNode root = NodeApiJson.readTree(json);
    JsonNode error = root.isObject() ? root.get("error") : null;
    if (error == null || !error.isObject()) {
      throw new ApiFormatException("not an error response: " + NodeApiJson.excerpt(json));
    }
    int code = error.path("code").canConvertToInt() ? error.path("code").asInt() : 0;
    String status = text(error.get("status"), "UNKNOWN");
    String message = text(error.get("message"), "");
    String reason = null;
    String domain = null;
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode details = error.get("details");
    if (details != null && details.isArray()) {
      for (JsonNode d : details) {
        if (d.isObject() && "ErrorInfo".equals(text(d.get("@type"), null))) {
          reason = text(d.get("reason"), null);
          domain = text(d.get("domain"), null);
          JsonNode meta = d.get("metadata");
          if (meta != null && meta.isObject()) {
            for (Map.Entry<String, JsonNode> e : meta.properties()) {
              metadata.put(e.getKey(), text(e.getValue(), ""));
            }
          }
          break;
        }
      }
    }
    return new ApiError(code, status, message, reason, domain, metadata);
  }

  private static String text(JsonNode node, String absent) {
    if (node == null || node.isNull()) {
      return absent;
    }
    return node.isString() ? node.stringValue() : node.toString();
  }

  @Override
  public String toString() {
    return code + " " + status + (reason != null ? "/" + reason : "") + ": " + message;
  }
}
