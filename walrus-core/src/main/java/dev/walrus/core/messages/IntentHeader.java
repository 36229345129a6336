package dev.walrus.core.messages;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.crypto.CryptoException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The seven bytes every protocol message starts with: {@code intent_type u8 ‖ intent_version u8
 * (0) ‖ app_id u8 (3, storage) ‖ epoch u32 LE}. This class is the one place that writes and
 * checks them, so every message type rejects a foreign intent the same way.
 *
 * @param type what the message is for
 * @param epoch the signer's committee epoch, an unsigned 32-bit value
 */
public record IntentHeader(IntentType type, long epoch) {
  public static final int LENGTH = 7;
  public static final int INTENT_VERSION = 0;
  public static final int APP_ID_STORAGE = 3;

  public IntentHeader {
    Objects.requireNonNull(type, "type");
    checkEpoch(epoch);
  }

  public void writeTo(BcsWriter w) {
    w.u8(type.code()).u8(INTENT_VERSION).u8(APP_ID_STORAGE).u32(epoch);
  }

  /**
   * Reads a header, checking the version and app ID; {@link BcsException} for an unknown intent
   * type, any version but 0, any app ID but 3, or fewer than seven bytes.
   */
  public static IntentHeader readFrom(BcsReader r) {
    int type = r.u8();
    int version = r.u8();
    int appId = r.u8();
    IntentType intent = IntentType.fromCode(type);
    if (version != INTENT_VERSION) {
      throw new BcsException(
          "unsupported intent version " + version + ", expected " + INTENT_VERSION);
    }
    if (appId != APP_ID_STORAGE) {
      throw new BcsException(
          "wrong intent app ID " + appId + ", expected " + APP_ID_STORAGE + " (storage)");
    }
    return new IntentHeader(intent, r.u32());
  }

  /** The type of a serialized message, read from its first byte without decoding the rest. */
  public static IntentType peekType(byte[] bcs) {
    if (bcs.length == 0) {
      throw new BcsException("empty message: expected an intent header");
    }
    return IntentType.fromCode(bcs[0] & 0xFF);
  }

  /** Throws {@link IllegalArgumentException} unless {@code epoch} fits in a u32. */
  static long checkEpoch(long epoch) {
    if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("epoch " + epoch + " is out of u32 range");
    }
    return epoch;
  }

  /** A whole message: this header followed by what {@code body} writes. */
  static byte[] encode(IntentType type, long epoch, int bodyLength, Consumer<BcsWriter> body) {
    BcsWriter w = new BcsWriter(LENGTH + bodyLength);
    new IntentHeader(type, epoch).writeTo(w);
    body.accept(w);
    return w.toByteArray();
  }

  /** Reads a message body once the header has been checked to carry {@code epoch}. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(long epoch, BcsReader r);
  }

  /**
   * Decodes a whole message of intent {@code type}: header, body, and nothing after it. Any
   * failure — truncation, trailing bytes, another intent, a bad key inside the body — is a
   * {@link BcsException} that names the message type.
   */
  static <T> T decode(byte[] bcs, IntentType type, BodyReader<T> body) {
    try {
      BcsReader r = new BcsReader(bcs);
      IntentHeader header = readFrom(r);
      if (header.type() != type) {
        throw new BcsException(
            "intent type " + header.type().code() + " (" + header.type() + "), expected "
                + type.code());
      }
      T message = body.read(header.epoch(), r);
      r.finish();
      return message;
    } catch (BcsException | CryptoException e) {
      throw new BcsException("invalid " + type + " message: " + e.getMessage());
    }
  }
}
