package dev.walrus.node.api;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ledger event a blob status derives from (Sui's {@code EventID}), so a reader can check a
 * status against the ledger. JSON: {@code {"txDigest":"<base58>","eventSeq":"<decimal>"}} — the
 * sequence number is a string, as Sui writes it. In walrus-java {@code eventSeq} is the ledger's
 * global event sequence number.
 *
 * @param txDigest Base58 of the 32-byte transaction digest
 * @param eventSeq non-negative
 */
public record EventId(String txDigest, long eventSeq) {
  public static final int DIGEST_LENGTH = 32;

  public EventId {
    Objects.requireNonNull(txDigest, "txDigest");
    if (eventSeq < 0) {
      throw new IllegalArgumentException("negative event sequence number " + eventSeq);
    }
  }

  public static EventId of(byte[] txDigest32, long sequence) {
    if (txDigest32.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException("a transaction digest has 32 bytes, got " + txDigest32.length);
    }
    return new EventId(Base58.encode(txDigest32), sequence);
  }

  /** The 32 digest bytes. */
  public byte[] txDigestBytes() {
    return Base58.decode(txDigest);
  }

  public ObjectNode toJsonNode() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("txDigest", txDigest);
    o.put("eventSeq", Long.toString(eventSeq));
    return o;
  }

  /** Parses the JSON object; the digest must be Base58 of 32 bytes, the sequence a decimal string. */
  static EventId fromJsonNode(JsonNode node, String what) {
    JsonFields.object(node, what);
    String digest = JsonFields.string(node, "txDigest", what);
    byte[] bytes;
    try {
      bytes = Base58.decode(digest);
    } catch (IllegalArgumentException e) {
      throw new ApiFormatException(what + ".txDigest is not Base58: " + e.getMessage());
    }
    if (bytes.length != DIGEST_LENGTH) {
      throw new ApiFormatException(what + ".txDigest decodes to " + bytes.length + " bytes, not 32");
    }
    String seq = JsonFields.string(node, "eventSeq", what);
    long value;
    try {
      value = Long.parseUnsignedLong(seq);
    } catch (NumberFormatException e) {
      throw new ApiFormatException(what + ".eventSeq '" + seq + "' is not a decimal u64");
    }
    if (value < 0 || !Long.toString(value).equals(seq)) {
      throw new ApiFormatException(what + ".eventSeq '" + seq + "' is out of range or not canonical");
    }
    return new EventId(digest, value);
  }

  public String toJson() {
    return toJsonNode().toString();
  }

  public static EventId fromJson(String json) {
    return fromJsonNode(NodeApiJson.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "EventID");
  }
}
