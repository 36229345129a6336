package dev.walrus.explorer;

import static dev.walrus.explorer.Html.text;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.LedgerJson;
import java.util.List;

/**
 * {@code /object/{id}}: any ledger object — its kind, owner and fields as the ledger stores them,
 * with a link to the blob page for Blob objects.
 */
final class ObjectPage {
  private ObjectPage() {}

  static View view(LedgerReads ledger, String idText) {
    ObjectId id = Ids.objectId(idText);
    ObjectView o = ledger.read(c -> c.object(id));
    return View.ok(o.type() + " " + id, render(o), o);
  }

  static String render(ObjectView o) {
    String blobId = o.fields().path("blobId").asString(o.fields().path("blob").path("blobId").asString(""));
    return Html.heading(o.type())
        + Html.paragraph(Html.code(o.id()))
        + Html.facts(List.of(
            new String[] {"Kind", text(o.type())},
            new String[] {"Owner", o.owner() == null ? "shared" : Html.idLink("/account/" + o.owner(), o.owner())},
            new String[] {"Blob", blobId.isEmpty() ? "—" : Html.idLink("/blob/" + blobId, blobId)}))
        + Html.section("Fields", "<pre>" + text(LedgerJson.mapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(o.fields())) + "</pre>");
  }
}
