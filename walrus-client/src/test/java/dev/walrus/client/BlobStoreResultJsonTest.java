package dev.walrus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.node.api.EventId;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Walrus's {@code BlobStoreResult} JSON, field for field (protocol.md §7.2), and the Blob objects
 * it carries, parsed from the ledger's own JSON.
 */
class BlobStoreResultJsonTest {
  private static final String OBJECT = "0x" + "11".repeat(32);
  private static final String STORAGE = "0x" + "22".repeat(32);
  private static final String SHARED = "0x" + "33".repeat(32);
  private static final BlobId BLOB_ID = BlobId.of(HexFormat.of().parseHex("ab".repeat(32)));
  private static final EventId EVENT = EventId.of(new byte[32], 42);

  /** A Blob object as the ledger's API returns it (its own field names, extra fields included). */
  private static ObjectView ledgerBlob(String certifiedEpoch) {
    String fields = "{\"id\":\"" + OBJECT + "\",\"ownerAddress\":\"0x" + "44".repeat(32) + "\",\"registeredEpoch\":3,"
        + "\"blobId\":\"" + BLOB_ID + "\",\"rootHash\":\"" + "00".repeat(32) + "\",\"size\":1000,\"encodingType\":1,"
        + "\"certifiedEpoch\":" + certifiedEpoch + ",\"storage\":{\"id\":\"" + STORAGE + "\",\"ownerAddress\":\"0x"
        + "44".repeat(32) + "\",\"startEpoch\":3,\"endEpoch\":8,\"size\":65536},\"deletable\":true,"
        + "\"attributes\":{\"content-type\":\"text/plain\"},\"certified\":true}";
    return new ObjectView(ObjectId.parse(OBJECT), "BlobObject", null, LedgerJson.mapper().readTree(fields));
  }

  @Test
  void parsesTheLedgersBlobObject() {
    BlobObject blob = BlobObject.fromLedger(ledgerBlob("4"));
    assertThat(blob.id()).isEqualTo(ObjectId.parse(OBJECT));
    assertThat(blob.blobId()).isEqualTo(BLOB_ID);
    assertThat(blob.encodingType()).isEqualTo(EncodingType.RS2);
    assertThat(blob.certifiedEpoch()).isEqualTo(4);
    assertThat(blob.storage()).isEqualTo(new StorageResource(ObjectId.parse(STORAGE), 3, 8, 65536));
    assertThat(blob.endEpoch()).isEqualTo(8);
    assertThat(blob.attributes()).containsEntry("content-type", "text/plain");
    assertThat(blob.isShared()).isFalse();
    assertThat(blob.objectId()).isEqualTo(blob.id());
    assertThat(BlobObject.isBlobObject(ledgerBlob("4"))).isTrue();
    assertThat(BlobObject.fromLedger(ledgerBlob("null")).isCertified()).isFalse();
  }

  @Test
  void aSharedBlobObjectYieldsTheBlobItWraps() {
    JsonNode wrapped = LedgerJson.mapper().createObjectNode().put("id", SHARED).put("funds", 5)
        .set("blob", ledgerBlob("4").fields());
    BlobObject blob = BlobObject.fromLedger(new ObjectView(ObjectId.parse(SHARED), "SharedBlobObject", null, wrapped));
    assertThat(blob.id()).isEqualTo(ObjectId.parse(OBJECT));
    assertThat(blob.isShared()).isTrue();
    assertThat(blob.sharedBlobObject()).isEqualTo(ObjectId.parse(SHARED));
    assertThat(blob.objectId()).isEqualTo(ObjectId.parse(SHARED));
    assertThat(blob.attributes()).containsEntry("content-type", "text/plain");
  }

  @Test
  void otherObjectsAreRefused() {
    ObjectView storage = new ObjectView(ObjectId.parse(STORAGE), "StorageResource", null,
        LedgerJson.mapper().readTree("{\"id\":\"" + STORAGE + "\",\"startEpoch\":1,\"endEpoch\":2,\"size\":9}"));
    assertThat(BlobObject.isBlobObject(storage)).isFalse();
    assertThatThrownBy(() -> BlobObject.fromLedger(storage)).isInstanceOf(WalrusClientException.class)
        .hasMessageContaining("not a Blob object");
    assertThat(StorageResource.fromLedger(storage).storageSize()).isEqualTo(9);
    ObjectView broken = new ObjectView(ObjectId.parse(OBJECT), "BlobObject", null,
        LedgerJson.mapper().readTree("{\"id\":\"" + OBJECT + "\",\"blobId\":\"not a blob id\"}"));
    assertThatThrownBy(() -> BlobObject.fromLedger(broken)).isInstanceOf(WalrusClientException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void newlyCreated() {
    StoreResult r = StoreResult.newlyCreated(BlobObject.fromLedger(ledgerBlob("4")),
        new ResourceOperation(ResourceOperation.Kind.REGISTER_FROM_SCRATCH, 65000, 5), 1234, 20,
        ObjectId.parse(SHARED));
    assertThat(BlobStoreResultJson.toJson(r).toString()).isEqualTo("{\"newlyCreated\":{\"blobObject\":{"
        + "\"id\":\"" + OBJECT + "\",\"registeredEpoch\":3,\"blobId\":\"" + BLOB_ID + "\",\"size\":1000,"
        + "\"encodingType\":\"RS2\",\"certifiedEpoch\":4,\"storage\":{\"id\":\"" + STORAGE + "\",\"startEpoch\":3,"
        + "\"endEpoch\":8,\"storageSize\":65536},\"deletable\":true},"
        + "\"resourceOperation\":{\"registerFromScratch\":{\"encodedLength\":65000,\"epochsAhead\":5}},"
        + "\"cost\":1234,\"sharedBlobObject\":\"" + SHARED + "\"}}");
  }

  @Test
  void resourceOperationsCarryTheirEpochFields() {
    BlobObject blob = BlobObject.fromLedger(ledgerBlob("null"));
    assertThat(operation(blob, ResourceOperation.Kind.REUSE_STORAGE, 0))
        .isEqualTo("{\"reuseStorage\":{\"encodedLength\":65000}}");
    assertThat(operation(blob, ResourceOperation.Kind.REUSE_REGISTRATION, 0))
        .isEqualTo("{\"reuseRegistration\":{\"encodedLength\":65000}}");
    assertThat(operation(blob, ResourceOperation.Kind.REUSE_AND_EXTEND, 2))
        .isEqualTo("{\"reuseAndExtend\":{\"encodedLength\":65000,\"epochsExtended\":2}}");
    assertThat(operation(blob, ResourceOperation.Kind.REUSE_AND_EXTEND_NON_CERTIFIED, 3))
        .isEqualTo("{\"reuseAndExtendNonCertified\":{\"encodedLength\":65000,\"epochsExtended\":3}}");
    StoreResult unshared = StoreResult.newlyCreated(blob,
        new ResourceOperation(ResourceOperation.Kind.REUSE_STORAGE, 65000, 0), 0, 0, null);
    JsonNode created = BlobStoreResultJson.toJson(unshared).get("newlyCreated");
    assertThat(created.has("sharedBlobObject")).isFalse();
    assertThat(created.get("blobObject").get("certifiedEpoch").isNull()).isTrue();
  }

  private static String operation(BlobObject blob, ResourceOperation.Kind kind, int epochs) {
    StoreResult r = StoreResult.newlyCreated(blob, new ResourceOperation(kind, 65000, epochs), 0, 0, null);
    return BlobStoreResultJson.toJson(r).get("newlyCreated").get("resourceOperation").toString();
  }

  @Test
  void alreadyCertifiedByEventOrOwnedObject() {
    StoreResult byEvent = StoreResult.alreadyCertified(BLOB_ID, EVENT, 9, 1000, 65000);
    assertThat(BlobStoreResultJson.toJson(byEvent).toString()).isEqualTo("{\"alreadyCertified\":{\"blobId\":\""
        + BLOB_ID + "\",\"event\":{\"txDigest\":\"" + EVENT.txDigest() + "\",\"eventSeq\":\"42\"},\"endEpoch\":9}}");
    StoreResult byObject = StoreResult.alreadyCertified(BlobObject.fromLedger(ledgerBlob("4")), 65000);
    assertThat(BlobStoreResultJson.toJson(byObject).toString()).isEqualTo("{\"alreadyCertified\":{\"blobId\":\""
        + BLOB_ID + "\",\"object\":\"" + OBJECT + "\",\"endEpoch\":8}}");
  }

  @Test
  void markedInvalidAndError() {
    assertThat(BlobStoreResultJson.toJson(StoreResult.markedInvalid(BLOB_ID, EVENT, 1000, 65000)).toString())
        .isEqualTo("{\"markedInvalid\":{\"blobId\":\"" + BLOB_ID + "\",\"event\":{\"txDigest\":\"" + EVENT.txDigest()
            + "\",\"eventSeq\":\"42\"}}}");
    assertThat(BlobStoreResultJson.toJson(StoreResult.failed(null, "read", "no such file: x", 0)).toString())
        .isEqualTo("{\"error\":{\"blobId\":null,\"failurePhase\":\"read\",\"errorMsg\":\"no such file: x\"}}");
    assertThat(BlobStoreResultJson.toJson(StoreResult.failed(BLOB_ID, "upload", "too few", 5)).get("error")
        .get("blobId").stringValue()).isEqualTo(BLOB_ID.toString());
  }
}
