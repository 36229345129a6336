package dev.walrus.node.api;

import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.messages.SignedMessage;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The storage-node API's JSON, shared by the node (server) and its clients so both write and read
 * the same shapes: the success envelope {@code {"success":{"code":…,"data":…}}}, {@link
 * BlobStatus}, {@link EventId}, {@link StoredOnNodeStatus} and {@link SignedMessage} in Walrus's
 * forms, BLS public keys as standard base64. Unknown properties are ignored so that a newer node
 * does not break an older client.
 */
public final class NodeApiJson {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .addModule(module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private NodeApiJson() {}

  /** The shared, thread-safe mapper. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** {@code {"success":{"code":code,"data":data}}}; {@code data} is any value the mapper writes. */
  public static String success(int code, Object data) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode success = root.putObject("success");
    success.put("code", code);
    success.set("data", MAPPER.valueToTree(data));
    return root.toString();
  }

  /** {@link #success} as UTF-8 bytes, ready to send. */
  public static byte[] successBytes(int code, Object data) {
    return success(code, data).getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code data} of a success envelope; {@link ApiFormatException} if it is not one. */
  public static JsonNode successData(byte[] body) {
    JsonNode root = readTree(body);
    JsonNode success = JsonFields.object(JsonFields.field(JsonFields.object(root, "response"), "success", "response"), "success");
    return JsonFields.field(success, "data", "success");
  }

  /** Unwraps a success envelope and reads its {@code data} as a {@code type}. */
  public static <T> T parseSuccess(byte[] body, Class<T> type) {
    return convert(successData(body), type);
  }

  /** Reads a JSON tree as a {@code type}; {@link ApiFormatException} on a mismatch. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      T value = MAPPER.treeToValue(node, type);
      if (value == null) {
        throw new ApiFormatException("expected a " + type.getSimpleName() + ", got null");
      }
      return value;
    } catch (JacksonException e) {
      throw new ApiFormatException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Parses JSON bytes as a {@code type}; {@link ApiFormatException} for non-JSON or a mismatch. */
  public static <T> T parse(byte[] json, Class<T> type) {
    return convert(readTree(json), type);
  }

  public static String toJson(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /** Parses JSON text; {@link ApiFormatException} (with a short excerpt) if it is not JSON. */
  public static JsonNode readTree(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new ApiFormatException("empty body where JSON was expected");
      }
      return node;
    } catch (JacksonException e) {
      throw new ApiFormatException("body is not JSON (" + e.getOriginalMessage() + "): " + excerpt(json), e);
    }
  }

  static String excerpt(byte[] body) {
    int n = Math.min(body.length, 120);
    String s = new String(body, 0, n, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    return "'" + s + (body.length > n ? "…'" : "'");
  }

  private static SimpleModule module() {
    SimpleModule m = new SimpleModule("walrus-node-api");
    tree(m, BlobStatus.class, BlobStatus::toJsonNode, BlobStatus::fromJsonNode);
    tree(m, EventId.class, EventId::toJsonNode, n -> EventId.fromJsonNode(n, "EventID"));
    tree(m, DeletableCounts.class, DeletableCounts::toJsonNode, n -> DeletableCounts.fromJsonNode(n, "deletableCounts"));
    tree(m, StoredOnNodeStatus.class,
        s -> JsonNodeFactory.instance.stringNode(s.jsonName()),
        n -> StoredOnNodeStatus.fromJsonName(n.isString() ? n.stringValue() : JsonFields.describe(n)));
    tree(m, BlsPublicKey.class,
        k -> JsonNodeFactory.instance.stringNode(k.toBase64()),
        n -> {
          if (!n.isString()) {
            throw new ApiFormatException("a BLS public key is a base64 string, got " + JsonFields.describe(n));
          }
          try {
            return BlsPublicKey.fromBase64(n.stringValue());
          } catch (RuntimeException e) {
            throw new ApiFormatException("invalid BLS public key: " + e.getMessage(), e);
          }
        });
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<SignedMessage<?>> signed = (Class) SignedMessage.class;
    m.addSerializer(signed, new ValueSerializer<SignedMessage<?>>() {
      @Override
      public void serialize(SignedMessage<?> value, JsonGenerator g, SerializationContext ctx) {
        g.writeTree(Confirmations.signedMessageNode(value));
      }
    });
    return m;
  }

  /** Registers a type written and read through its own tree form. */
  private static <T> void tree(
      SimpleModule m, Class<T> type, Function<T, JsonNode> write, Function<JsonNode, T> read) {
    m.addSerializer(type, new ValueSerializer<T>() {
      @Override
      public void serialize(T value, JsonGenerator g, SerializationContext ctx) {
        g.writeTree(write.apply(value));
      }
    });
    m.addDeserializer(type, new ValueDeserializer<T>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctx) {
        JsonNode node = ctx.readTree(p);
        try {
          return read.apply(node);
        } catch (ApiFormatException | IllegalArgumentException e) {
          return ctx.reportInputMismatch(type, "%s", e.getMessage());
        }
      }
    });
  }
}
