package dev.walrus.explorer;

import static dev.walrus.explorer.Html.text;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.BlobObjectsView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.ObjectView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code /blob/{blobId}}: what the ledger knows of a blob (every Blob object registered with its
 * ID), its quilt patches if it is a quilt, and a live check of which nodes serve its slivers —
 * one request per node, shown as one cell per sliver pair.
 */
final class BlobPage {
  private BlobPage() {}

  /** One Blob object; {@code shared} for a shared blob (no owner). */
  record BlobObject(ObjectId objectId, boolean shared, Address owner, int registeredEpoch, Integer certifiedEpoch,
      int endEpoch, boolean deletable, long size, Map<String, String> attributes) {}

  /** One node's answer for the blob, with the sliver pairs its shards hold. */
  record Holder(ObjectId nodeId, String name, boolean serves, String detail, List<Integer> pairs) {}

  /**
   * {@code status}: {@code certified} (stored and readable), {@code registered} (not certified
   * yet), or {@code expired}. {@code pairHolder[p]} indexes {@code holders}.
   */
  record Blob(BlobId blobId, String status, int epoch, long size, Long encodedSize, Integer certifiedEpoch,
      int endEpoch, boolean permanent, List<BlobObject> objects, Optional<List<Aggregator.Patch>> patches,
      List<Holder> holders, int[] pairHolder, String readUrl) {}

  static View view(LedgerReads ledger, NodeProbe probe, Optional<Aggregator> aggregator, String idText) {
    BlobId id = Ids.blobId(idText);
    BlobObjectsView found = ledger.read(c -> c.blob(id));
    if (found.objects().isEmpty()) {
      throw ExplorerException.notFound("No Blob object with the ID " + id + " is registered on this ledger: it was "
          + "never stored, or every object of it was deleted or expired and removed.");
    }
    CommitteeView committee = ledger.read(c -> c.committee());
    List<BlobObject> objects = found.objects().stream().map(BlobPage::blobObject).toList();
    int epoch = committee.epoch();
    Optional<BlobObject> best = objects.stream().filter(o -> o.certifiedEpoch() != null && o.endEpoch() > epoch)
        .max(java.util.Comparator.comparingInt(BlobObject::endEpoch));
    BlobObject main = best.orElse(objects.stream().max(java.util.Comparator.comparingInt(BlobObject::endEpoch))
        .orElseThrow());
    String status = best.isPresent() ? "certified" : main.endEpoch() <= epoch ? "expired" : "registered";
    Long encoded = encodedSize(committee.nShards(), main.size());
    List<NodeProbe.Answer> answers = best.isPresent() ? probe.holds(committee.members(), id, committee.nShards())
        : committee.members().stream().map(m -> new NodeProbe.Answer(false, "not certified")).toList();
    List<Holder> holders = new ArrayList<>();
    int[] pairHolder = new int[committee.nShards()];
    java.util.Arrays.fill(pairHolder, -1);
    for (int i = 0; i < committee.members().size(); i++) {
      CommitteeView.Member m = committee.members().get(i);
      List<Integer> pairs = new ArrayList<>();
      for (int shard : m.shards()) {
        int pair = id.pairForShard(shard, committee.nShards());
        pairs.add(pair);
        pairHolder[pair] = i;
      }
      holders.add(new Holder(m.nodeId(), m.name(), answers.get(i).ok(), answers.get(i).detail(), pairs.stream().sorted().toList()));
    }
    Optional<List<Aggregator.Patch>> patches = best.isPresent() ? aggregator.flatMap(a -> a.patches(id)) : Optional.empty();
    Blob b = new Blob(id, status, epoch, main.size(), encoded, main.certifiedEpoch(), main.endEpoch(),
        objects.stream().anyMatch(o -> !o.deletable()), objects, patches, holders, pairHolder,
        aggregator.map(a -> a.blobUrl(id).toString()).orElse(null));
    return View.ok("Blob " + id, render(b, aggregator), b);
  }

  static BlobObject blobObject(ObjectView o) {
    boolean shared = "SharedBlobObject".equals(o.type());
    JsonNode f = shared ? o.fields().path("blob") : o.fields();
    Map<String, String> attributes = new LinkedHashMap<>();
    f.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asString("")));
    JsonNode certified = f.path("certifiedEpoch");
    return new BlobObject(o.id(), shared, o.owner(), f.path("registeredEpoch").asInt(),
        certified.isNumber() ? certified.asInt() : null, f.path("storage").path("endEpoch").asInt(),
        f.path("deletable").asBoolean(), f.path("size").asLong(), attributes);
  }

  private static Long encodedSize(int nShards, long size) {
    try {
      return EncodingConfig.forShards(nShards).encodedLength(size);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String render(Blob b, Optional<Aggregator> aggregator) {
    StringBuilder h = new StringBuilder(Html.heading("Blob"));
    h.append(Html.paragraph(Html.code(b.blobId())));
    h.append(Html.facts(List.of(
        new String[] {"Status", "<span id=\"blob-status\" class=\"" + ("certified".equals(b.status()) ? "ok" : "bad")
            + "\">" + text(b.status()) + "</span>"},
        new String[] {"Size", Units.bytes(b.size()) + " <small>(" + b.size() + " bytes)</small>"},
        new String[] {"Encoded size", b.encodedSize() == null ? "—" : Units.bytes(b.encodedSize())},
        new String[] {"Certified in epoch", b.certifiedEpoch() == null ? "not certified" : b.certifiedEpoch().toString()},
        new String[] {"Stored until epoch", b.endEpoch() + " <small>(now " + b.epoch() + ")</small>"},
        new String[] {"Kind", b.permanent() ? "permanent" : "deletable"},
        new String[] {"Read it", b.readUrl() == null ? "no aggregator configured (--aggregator URL)"
            : "<a id=\"read-link\" href=\"" + text(b.readUrl()) + "\">through the aggregator</a>"})));
    h.append(Html.section("Slivers", slivers(b)));
    b.patches().filter(p -> !p.isEmpty()).ifPresent(p -> h.append(Html.section("Quilt patches", patches(p, aggregator))));
    h.append(Html.section("Blob objects", objects(b.objects())));
    return h.toString();
  }

  private static String slivers(Blob b) {
    long serving = b.holders().stream().filter(Holder::serves).mapToLong(x -> x.pairs().size()).sum();
    StringBuilder g = new StringBuilder(Html.paragraph(serving + " of " + b.pairHolder().length
        + " sliver pairs are on nodes that answered that they store the blob (one request per node)."));
    g.append("<div class=\"grid\" id=\"sliver-grid\">");
    for (int p = 0; p < b.pairHolder().length; p++) {
      int i = b.pairHolder()[p];
      Holder holder = i < 0 ? null : b.holders().get(i);
      boolean ok = holder != null && holder.serves();
      g.append("<span class=\"cell ").append(ok ? "ok" : "bad").append("\" data-pair=\"").append(p).append("\" title=\"pair ")
          .append(p).append(": ").append(holder == null ? "no node" : text(holder.name()) + ", " + text(holder.detail()))
          .append("\"></span>");
    }
    g.append("</div>\n");
    List<List<String>> rows = new ArrayList<>();
    for (Holder x : b.holders()) {
      rows.add(List.of(Html.link("/node/" + x.nodeId(), x.name() == null ? x.nodeId().toString() : x.name()),
          String.valueOf(x.pairs().size()),
          "<span class=\"" + (x.serves() ? "ok\">serves" : "bad\">does not serve") + "</span> <small>"
              + text(x.detail()) + "</small>"));
    }
    return g + Html.table("holders", List.of("Node", "Sliver pairs", "Answer"), rows);
  }

  private static String patches(List<Aggregator.Patch> patches, Optional<Aggregator> aggregator) {
    List<List<String>> rows = new ArrayList<>();
    for (Aggregator.Patch p : patches) {
      String id = aggregator.map(a -> "<a href=\"" + text(a.patchUrl(p.patchId())) + "\"><code>" + text(p.patchId())
          + "</code></a>").orElse(Html.code(p.patchId()));
      rows.add(List.of(text(p.identifier()), id, text(p.tags())));
    }
    return Html.table("patches", List.of("Identifier", "Patch ID", "Tags"), rows);
  }

  private static String objects(List<BlobObject> objects) {
    List<List<String>> rows = new ArrayList<>();
    for (BlobObject o : objects) {
      StringBuilder attrs = new StringBuilder();
      o.attributes().forEach((k, v) -> attrs.append(Html.code(k)).append(" = ").append(Html.code(v)).append("<br>"));
      rows.add(List.of(Html.idLink("/object/" + o.objectId(), o.objectId()),
          o.shared() ? "shared" : Html.idLink("/account/" + o.owner(), o.owner()),
          o.registeredEpoch() + (o.certifiedEpoch() == null ? " / —" : " / " + o.certifiedEpoch()) + " / " + o.endEpoch(),
          o.deletable() ? "deletable" : "permanent", attrs.isEmpty() ? "—" : attrs.toString()));
    }
    return Html.table("objects", List.of("Object", "Owner", "Registered / certified / end epoch", "Kind", "Attributes"),
        rows);
  }
}
