package dev.walrus.core.messages;

import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Objects;

/**
 * Which blob a storage confirmation is for: the permanent blob with this ID, or one deletable
 * {@code Blob} object. Confirming a deletable blob names the object so that a certificate cannot
 * be reused for another registration of the same blob ID. BCS: variant 0, or variant 1 ‖ object
 * ID (32 bytes).
 */
public sealed interface BlobPersistence {
  Permanent PERMANENT = new Permanent();

  static Deletable deletable(ObjectId objectId) {
    return new Deletable(objectId);
  }

  /** BCS length: 1 or 33 bytes. */
  int bcsLength();

  void writeTo(BcsWriter w);

  static BlobPersistence readFrom(BcsReader r) {
    return switch (r.variant("BlobPersistenceType", 2)) {
      case 0 -> PERMANENT;
      default -> new Deletable(ObjectId.of(r.fixedBytes(ObjectId.LENGTH)));
    };
  }

  /** A permanent blob: stays until its end epoch, cannot be deleted. */
  record Permanent() implements BlobPersistence {
    @Override
    public int bcsLength() {
      return 1;
    }

    @Override
    public void writeTo(BcsWriter w) {
      w.variant(0);
    }
  }

  /** The deletable {@code Blob} object {@code objectId}. */
  record Deletable(ObjectId objectId) implements BlobPersistence {
    public Deletable {
      Objects.requireNonNull(objectId, "objectId");
    }

    @Override
    public int bcsLength() {
      return 1 + ObjectId.LENGTH;
    }

    @Override
    public void writeTo(BcsWriter w) {
      w.variant(1);
      w.fixedBytes(objectId.bytes());
    }
  }
}
