package dev.walrus.core.quilt;

import dev.walrus.core.BlobId;
import dev.walrus.core.quilt.QuiltException.Reason;
import java.util.Base64;
import java.util.Objects;

/**
 * The global ID of a quilt patch: the quilt's blob ID and the patch's {@link Internal} ID, 37
 * bytes, written as URL-safe base64 without padding (50 characters). Walrus Sites store the
 * 5-byte internal ID next to the quilt's blob ID.
 */
public record QuiltPatchId(BlobId quiltId, Internal internal) {
  public static final int LENGTH = BlobId.LENGTH + Internal.LENGTH;
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  public QuiltPatchId {
    Objects.requireNonNull(quiltId, "quiltId");
    Objects.requireNonNull(internal, "internal");
  }

  public QuiltPatchId(BlobId quiltId, int startIndex, int endIndex) {
    this(quiltId, new Internal(startIndex, endIndex));
  }

  /**
   * A patch's ID inside its quilt ({@code QuiltPatchInternalIdV1}): {@code 0x01 ‖ start u16 LE ‖
   * end u16 LE}, the columns {@code [start, end)}.
   */
  public record Internal(int startIndex, int endIndex) {
    public static final int LENGTH = 5;

    public Internal {
      if (startIndex < 0 || endIndex > 0xFFFF || startIndex >= endIndex) {
        throw new QuiltException(Reason.INVALID_PATCH_ID,
            "invalid quilt patch range [" + startIndex + ", " + endIndex + "): must be non-empty u16 columns");
      }
    }

    public byte[] toBytes() {
      return new byte[] {
        (byte) QuiltFormat.VERSION,
        (byte) startIndex, (byte) (startIndex >>> 8),
        (byte) endIndex, (byte) (endIndex >>> 8)
      };
    }

    /**
     * @throws QuiltException ({@link Reason#INVALID_PATCH_ID}) unless 5 bytes, version 1 and a
     *     non-empty range
     */
    public static Internal fromBytes(byte[] bytes) {
      if (bytes.length != LENGTH) {
        throw new QuiltException(Reason.INVALID_PATCH_ID,
            "a quilt patch internal ID has " + LENGTH + " bytes, got " + bytes.length);
      }
      return fromBytes(bytes, 0);
    }

    static Internal fromBytes(byte[] bytes, int off) {
      int version = bytes[off] & 0xFF;
      if (version != QuiltFormat.VERSION) {
        throw new QuiltException(Reason.INVALID_PATCH_ID,
            "unsupported quilt patch ID version " + version + ", expected " + QuiltFormat.VERSION);
      }
      int start = (bytes[off + 1] & 0xFF) | (bytes[off + 2] & 0xFF) << 8;
      int end = (bytes[off + 3] & 0xFF) | (bytes[off + 4] & 0xFF) << 8;
      return new Internal(start, end);
    }
  }

  public int startIndex() {
    return internal.startIndex();
  }

  public int endIndex() {
    return internal.endIndex();
  }

  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    quiltId.copyTo(out, 0);
    System.arraycopy(internal.toBytes(), 0, out, BlobId.LENGTH, Internal.LENGTH);
    return out;
  }

  /**
   * Parses the text form.
   *
   * @throws QuiltException ({@link Reason#INVALID_PATCH_ID}) unless it is canonical unpadded
   *     base64url of 37 bytes holding a version-1 internal ID with a non-empty range
   */
  public static QuiltPatchId parse(String text) {
    if (text == null || text.length() != 50) {
      throw invalid(text, "expected 50 characters of URL-safe base64");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(text, "not URL-safe base64");
    }
    if (bytes.length != LENGTH || !TEXT.encodeToString(bytes).equals(text)) {
      throw invalid(text, "not a canonical 37-byte ID");
    }
    byte[] blob = new byte[BlobId.LENGTH];
    System.arraycopy(bytes, 0, blob, 0, BlobId.LENGTH);
    try {
      return new QuiltPatchId(BlobId.of(blob), Internal.fromBytes(bytes, BlobId.LENGTH));
    } catch (QuiltException e) {
      throw invalid(text, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return TEXT.encodeToString(toBytes());
  }

  private static QuiltException invalid(String text, String why) {
    String shown = text == null ? "null" : "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
    return new QuiltException(Reason.INVALID_PATCH_ID, "invalid quilt patch ID " + shown + ": " + why);
  }
}
