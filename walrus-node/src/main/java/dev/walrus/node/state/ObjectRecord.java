package dev.walrus.node.state;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.util.Optional;

/**
 * What the node knows about one Blob object on the ledger: enough to answer blob status, gate
 * uploads and reads ("registered"), check deletable confirmations and drive recovery. Stored
 * under {@code blob id ‖ object id} so all objects of a blob are one prefix scan.
 *
 * @param certifiedEpoch the first certified epoch, or -1 while only registered
 */
public record ObjectRecord(
    BlobId blobId,
    ObjectId objectId,
    int registeredEpoch,
    int endEpoch,
    boolean deletable,
    int certifiedEpoch,
    EventRef registeredEvent,
    Optional<EventRef> certifiedEvent) {

  public boolean certified() {
    return certifiedEpoch >= 0;
  }

  /** Live at {@code epoch}: its storage has not run out (end is exclusive). */
  public boolean liveAt(int epoch) {
    return endEpoch > epoch;
  }

  public ObjectRecord certify(int epoch, int newEndEpoch, EventRef event) {
    int first = certified() ? certifiedEpoch : epoch;
    return new ObjectRecord(blobId, objectId, registeredEpoch, newEndEpoch, deletable, first, registeredEvent,
        Optional.of(event));
  }

  public byte[] key() {
    return key(blobId, objectId);
  }

  public static byte[] key(BlobId blobId, ObjectId objectId) {
    byte[] k = new byte[64];
    System.arraycopy(blobId.bytes(), 0, k, 0, 32);
    System.arraycopy(objectId.bytes(), 0, k, 32, 32);
    return k;
  }

  public byte[] toBytes() {
    BcsWriter w = new BcsWriter(128);
    w.u32(registeredEpoch).u32(endEpoch).bool(deletable).u32(certifiedEpoch & 0xFFFF_FFFFL);
    registeredEvent.write(w);
    w.bool(certifiedEvent.isPresent());
    certifiedEvent.ifPresent(e -> e.write(w));
    return w.toByteArray();
  }

  public static ObjectRecord fromBytes(byte[] key, byte[] value) {
    BlobId blobId = BlobId.of(java.util.Arrays.copyOfRange(key, 0, 32));
    ObjectId objectId = ObjectId.of(java.util.Arrays.copyOfRange(key, 32, 64));
    BcsReader r = new BcsReader(value);
    int registered = (int) r.u32();
    int end = (int) r.u32();
    boolean deletable = r.bool();
    int certified = (int) r.u32();
    EventRef registeredEvent = EventRef.read(r);
    Optional<EventRef> certifiedEvent = r.bool() ? Optional.of(EventRef.read(r)) : Optional.empty();
    r.finish();
    return new ObjectRecord(blobId, objectId, registered, end, deletable, certified, registeredEvent, certifiedEvent);
  }
}
