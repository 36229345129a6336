package dev.walrus.ledger.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519PublicKey;
import dev.walrus.core.crypto.Ed25519Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

/**
 * The ledger's JSON: one mapper configuration for the server, the Java client and the CLI, so
 * every party reads what the others write.
 *
 * <p>Text forms: addresses and object IDs {@code 0x} + hex; blob IDs in Walrus's URL-safe base64;
 * Ed25519 and BLS keys and signatures in standard base64 (as Walrus prints them); other byte
 * strings (digests, roots, bitmaps) in lower-case hex. Events and operations carry their variant
 * name in {@code "type"} (e.g. {@code {"type":"WalTransferred",...}}). Absent values are omitted and
 * unknown properties are ignored, so a newer server does not break an older client.
 */
public final class LedgerJson {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonMapper MAPPER = builder().build();

  private LedgerJson() {}

  /** The shared mapper (thread-safe). */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** A builder with the ledger's configuration, for callers that add their own settings. */
  public static JsonMapper.Builder builder() {
    return configure(JsonMapper.builder());
  }

  /**
   * Applies the ledger's configuration to any mapper builder (YAML for configuration and genesis
   * files, for instance).
   */
  public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .addModule(module())
        .addMixIn(LedgerEvent.class, Typed.class)
        .addMixIn(Operation.class, Typed.class)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL));
  }

  /** Polymorphic handling of the sealed event and operation types, by simple class name. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
  private interface Typed {}

  private static SimpleModule module() {
    SimpleModule m = new SimpleModule("walrus-ledger");
    text(m, Address.class, Address::toString, Address::parse);
    text(m, ObjectId.class, ObjectId::toString, ObjectId::parse);
    text(m, BlobId.class, BlobId::toString, BlobId::parse);
    text(m, Ed25519PublicKey.class, Ed25519PublicKey::toString,
        s -> Ed25519PublicKey.fromBytes(Base64.getDecoder().decode(s)));
    text(m, Ed25519Signature.class, s -> Base64.getEncoder().encodeToString(s.bytes()),
        s -> Ed25519Signature.fromBytes(Base64.getDecoder().decode(s)));
    text(m, BlsPublicKey.class, BlsPublicKey::toString, BlsPublicKey::fromBase64);
    text(m, BlsSignature.class, BlsSignature::toString, BlsSignature::fromBase64);
    text(m, byte[].class, HEX::formatHex, LedgerJson::parseHex);
    m.addKeySerializer(Address.class, new ValueSerializer<Address>() {
      @Override
      public void serialize(Address value, JsonGenerator g, SerializationContext ctx) {
        g.writeName(value.toString());
      }
    });
    m.addKeyDeserializer(Address.class, new KeyDeserializer() {
      @Override
      public Object deserializeKey(String key, DeserializationContext ctx) {
        return Address.parse(key);
      }
    });
    for (Class<?> c : LedgerEvent.class.getPermittedSubclasses()) {
      m.registerSubtypes(new NamedType(c, c.getSimpleName()));
    }
    for (Class<?> c : Operation.class.getPermittedSubclasses()) {
      m.registerSubtypes(new NamedType(c, c.getSimpleName()));
    }
    return m;
  }

  private static byte[] parseHex(String s) {
    String digits = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
    return HEX.parseHex(digits);
  }

  /** Registers a type that JSON holds as one string. Parse failures become Jackson errors. */
  private static <T> void text(SimpleModule m, Class<T> type, Function<T, String> format, Function<String, T> parse) {
    m.addSerializer(type, new ValueSerializer<T>() {
      @Override
      public void serialize(T value, JsonGenerator g, SerializationContext ctx) {
        g.writeString(format.apply(value));
      }
    });
    m.addDeserializer(type, new ValueDeserializer<T>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctx) throws JacksonException {
        String s = p.getValueAsString();
        if (s == null) {
          return ctx.reportInputMismatch(type, "expected a string for " + type.getSimpleName());
        }
        try {
          return parse.apply(s);
        } catch (RuntimeException e) {
          return ctx.reportInputMismatch(type, "invalid " + type.getSimpleName() + " '" + s + "': " + e.getMessage());
        }
      }
    });
  }
}
