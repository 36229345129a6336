package dev.walrus.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.BcsRecords;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The site operations, events and views in BCS (what transactions carry and the ledger hashes) and
 * in the ledger's JSON. Records with byte arrays compare by reference, so round trips are checked
 * on the re-encoded bytes.
 */
class SiteCodecTest {
  static final ObjectId SITE = ObjectId.of(filled(7, 32));

  static byte[] filled(int value, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  static SiteResource resource(String path, Optional<byte[]> patch, Optional<ResourceRange> range) {
    return new SiteResource(path, List.of(new SiteHeader("content-type", "text/html; charset=utf-8"),
        new SiteHeader("cache-control", "max-age=60")), BlobId.of(filled(3, 32)), filled(9, 32), patch, range);
  }

  static final SiteDiff FULL = new SiteDiff(List.of("/old.html", "/é/ü"),
      List.of(resource("/index.html", Optional.of(new byte[] {1, 0, 0, 2, 0}), Optional.empty()),
          resource("/r", Optional.empty(), Optional.of(new ResourceRange(Optional.of(0L), Optional.of(99L)))),
          resource("/s", Optional.empty(), Optional.of(new ResourceRange(Optional.empty(), Optional.of(5L))))),
      Optional.of(List.of(new SiteRoute("/app/*", "/index.html"))),
      Optional.of(List.of(new SiteRedirect("/old", "https://example.com/", 308))),
      Optional.of(new SiteMetadata(Optional.of("l"), Optional.empty(), Optional.of("d"), Optional.empty(), Optional.of("c"))),
      Optional.of("new name"));
  static final SiteDiff EMPTY_SETS = new SiteDiff(List.of(), List.of(), Optional.of(List.of()), Optional.of(List.of()),
      Optional.empty(), Optional.empty());

  static final List<Operation> OPERATIONS = List.of(
      new Operation.CreateSite("My Walrus Site", SiteMetadata.EMPTY),
      new Operation.CreateSite("s", FULL.metadata().orElseThrow()),
      new Operation.UpdateSite(SITE, FULL),
      new Operation.UpdateSite(SITE, EMPTY_SETS),
      new Operation.DestroySite(SITE),
      Operation.Batch.of(new Operation.CreateSite("b", SiteMetadata.EMPTY),
          new Operation.UpdateSite(ObjectIds.batchResult(0), FULL)));

  @Test
  void operationsRoundTripInBcs() {
    for (Operation op : OPERATIONS) {
      byte[] bcs = BcsRecords.encode(Operation.class, op);
      Operation back = BcsRecords.decode(Operation.class, bcs);
      assertThat(back.getClass()).isEqualTo(op.getClass());
      assertThat(BcsRecords.encode(Operation.class, back)).as(op.getClass().getSimpleName()).isEqualTo(bcs);
    }
    // The variant tags of the contract.
    assertThat(BcsRecords.encode(Operation.class, OPERATIONS.get(0))[0]).isEqualTo((byte) 100);
    assertThat(BcsRecords.encode(Operation.class, OPERATIONS.get(2))[0]).isEqualTo((byte) 101);
    assertThat(BcsRecords.encode(Operation.class, OPERATIONS.get(4))[0]).isEqualTo((byte) 102);
    // An empty route list (remove them) and an absent one (keep them) differ on the wire.
    SiteDiff keep = new SiteDiff(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(BcsRecords.encode(SiteDiff.class, keep)).isNotEqualTo(BcsRecords.encode(SiteDiff.class, EMPTY_SETS));
  }

  @Test
  void operationsRoundTripInJson() {
    for (Operation op : OPERATIONS) {
      String json = LedgerJson.mapper().writeValueAsString(op);
      Operation back = LedgerJson.mapper().readValue(json, Operation.class);
      assertThat(BcsRecords.encode(Operation.class, back)).as(json).isEqualTo(BcsRecords.encode(Operation.class, op));
    }
    JsonNode put = LedgerJson.mapper().valueToTree(FULL.puts().getFirst());
    assertThat(put.get("blobHash").asString()).isEqualTo("09".repeat(32));
    assertThat(put.get("quiltPatch").asString()).isEqualTo("0100000200");
    assertThat(put.get("blobId").asString()).isEqualTo(BlobId.of(filled(3, 32)).toString());
    assertThat(put.path("range").isNull() || put.path("range").isMissingNode()).as("absent range").isTrue();
    JsonNode update = LedgerJson.mapper().valueToTree(OPERATIONS.get(3));
    assertThat(update.get("type").asString()).isEqualTo("UpdateSite");
    assertThat(update.get("diff").get("routes").isArray()).isTrue();
  }

  @Test
  void eventsAndViewsRoundTrip() {
    Address owner = Address.of(filled(1, 32));
    for (LedgerEvent e : List.of(new LedgerEvent.SiteCreated(SITE, owner, "n"), new LedgerEvent.SiteUpdated(SITE, 4, 1, 2),
        new LedgerEvent.SiteDestroyed(SITE))) {
      assertThat(BcsRecords.decode(LedgerEvent.class, BcsRecords.encode(LedgerEvent.class, e))).isEqualTo(e);
      assertThat(LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(e), LedgerEvent.class)).isEqualTo(e);
    }
    SiteView view = new SiteView(SITE, owner, "n", SiteMetadata.EMPTY, 3, 2, FULL.routes().orElseThrow(),
        FULL.redirects().orElseThrow());
    assertThat(LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(view), SiteView.class)).isEqualTo(view);
    SiteResourcesView page = new SiteResourcesView(SITE, FULL.puts(), Optional.of("/s"));
    SiteResourcesView back = LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsString(page), SiteResourcesView.class);
    assertThat(back.next()).contains("/s");
    assertThat(LedgerJson.mapper().writeValueAsString(back)).isEqualTo(LedgerJson.mapper().writeValueAsString(page));
  }
}
