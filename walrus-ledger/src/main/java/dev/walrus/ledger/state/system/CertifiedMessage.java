package dev.walrus.ledger.state.system;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.messages.IntentHeader;
import dev.walrus.core.messages.IntentType;
import dev.walrus.ledger.state.Abort;
import java.util.Arrays;
import java.util.Optional;

/**
 * A message whose certificate checked out, split into its header fields and body: Move's {@code
 * messages::CertifiedMessage}. The header is checked as {@code new_certified_message} does
 * (version, then app ID, then epoch against the committee's), and the body is read field by field
 * as Move's {@code peel_*} calls do, with their aborts.
 *
 * <p>walrus-core's message decoders are strict (any defect is one exception type, trailing bytes
 * are refused); the contract reports each defect with its own code and deliberately ignores bytes
 * after a blob certification body, so the ledger parses here to match the contract.
 */
public record CertifiedMessage(int intentType, long certEpoch, byte[] body) {

  /** What a {@code BLOB_CERT} message certifies: a blob ID, permanent or one deletable object. */
  public record CertifiedBlob(BlobId blobId, Optional<ObjectId> deletableObject) {
    public boolean deletable() {
      return deletableObject.isPresent();
    }
  }

  /** {@code new_certified_message}: checks the header of {@code message} for {@code committeeEpoch}. */
  static CertifiedMessage parse(byte[] message, long committeeEpoch) {
    Peeler p = new Peeler(message, 0);
    int type = p.u8();
    int version = p.u8();
    Abort.check(version == IntentHeader.INTENT_VERSION, AbortCodes.MESSAGES, AbortCodes.MSG_INCORRECT_INTENT_VERSION,
        "intent version " + version + ", expected " + IntentHeader.INTENT_VERSION);
    int app = p.u8();
    Abort.check(app == IntentHeader.APP_ID_STORAGE, AbortCodes.MESSAGES, AbortCodes.MSG_INCORRECT_APP_ID,
        "intent app ID " + app + ", expected " + IntentHeader.APP_ID_STORAGE);
    long epoch = p.u32();
    Abort.check(epoch == committeeEpoch, AbortCodes.MESSAGES, AbortCodes.MSG_INCORRECT_EPOCH,
        "message of epoch " + epoch + " for the committee of epoch " + committeeEpoch);
    return new CertifiedMessage(type, epoch, Arrays.copyOfRange(message, p.position(), message.length));
  }

  /**
   * {@code certify_blob_message}: blob ID and persistence ({@code 0} permanent, {@code 1} ‖
   * object ID deletable); bytes after them are ignored for forward compatibility, as in Move.
   */
  public CertifiedBlob blobCertification() {
    requireType(IntentType.BLOB_CERTIFICATION);
    Peeler p = new Peeler(body, 0);
    BlobId blobId = BlobId.of(p.bytes(BlobId.LENGTH));
    int persistence = p.u8();
    return switch (persistence) {
      case 0 -> new CertifiedBlob(blobId, Optional.empty());
      case 1 -> new CertifiedBlob(blobId, Optional.of(ObjectId.of(p.bytes(ObjectId.LENGTH))));
      default -> throw new Abort(AbortCodes.MESSAGES, AbortCodes.MSG_INVALID_BLOB_PERSISTENCE_TYPE,
          "blob persistence type " + persistence + " is neither 0 (permanent) nor 1 (deletable)");
    };
  }

  /** {@code invalid_blob_id_message}: the blob ID an invalid-blob certificate names. */
  public BlobId invalidBlobId() {
    requireType(IntentType.INVALID_BLOB_ID);
    return BlobId.of(new Peeler(body, 0).bytes(BlobId.LENGTH));
  }

  private void requireType(IntentType expected) {
    Abort.check(intentType == expected.code(), AbortCodes.MESSAGES, AbortCodes.MSG_INVALID_MSG_TYPE,
        "certified message of intent type " + intentType + ", expected " + expected.code() + " (" + expected + ")");
  }

  /** Move's {@code sui::bcs} peeling: little-endian fields, abort {@code EOutOfRange} when short. */
  private static final class Peeler {
    private final byte[] bytes;
    private int position;

    Peeler(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    int position() {
      return position;
    }

    int u8() {
      return bytes(1)[0] & 0xFF;
    }

    long u32() {
      byte[] b = bytes(4);
      return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    byte[] bytes(int n) {
      Abort.check(bytes.length - position >= n, AbortCodes.BCS, AbortCodes.BCS_OUT_OF_RANGE,
          "message too short: " + n + " more bytes needed at offset " + position + " of " + bytes.length);
      byte[] out = Arrays.copyOfRange(bytes, position, position + n);
      position += n;
      return out;
    }
  }
}
