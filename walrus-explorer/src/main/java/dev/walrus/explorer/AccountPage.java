package dev.walrus.explorer;

import dev.walrus.core.Address;
import dev.walrus.ledger.api.AccountView;
import dev.walrus.ledger.api.ObjectView;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code /account/{address}}: balance, Blob objects, storage resources and stakes of one account. */
final class AccountPage {
  private AccountPage() {}

  /** The objects an account owns, by kind; {@code others} holds kinds without a table of their own. */
  record Account(Address address, long balance, long nextSequence, List<BlobPage.BlobObject> blobs,
      List<ObjectView> storage, List<ObjectView> stakes, List<ObjectView> others) {}

  static View view(LedgerReads ledger, String addressText) {
    Address address = Ids.address(addressText);
    AccountView a = ledger.read(c -> c.account(address));
    List<BlobPage.BlobObject> blobs = new ArrayList<>();
    List<ObjectView> storage = new ArrayList<>();
    List<ObjectView> stakes = new ArrayList<>();
    List<ObjectView> others = new ArrayList<>();
    for (ObjectView o : a.objects()) {
      switch (o.type()) {
        case "BlobObject" -> blobs.add(BlobPage.blobObject(o));
        case "StorageResource" -> storage.add(o);
        case "StakedWal" -> stakes.add(o);
        default -> others.add(o);
      }
    }
    Account acc = new Account(address, a.balance(), a.nextSequence(), blobs, storage, stakes, others);
    return View.ok("Account " + address, render(acc), acc);
  }

  static String render(Account a) {
    StringBuilder b = new StringBuilder(Html.heading("Account"));
    b.append(Html.paragraph(Html.code(a.address())));
    b.append(Html.facts(List.of(
        new String[] {"Balance", "<span id=\"balance\">" + Units.wal(a.balance()) + "</span>"},
        new String[] {"Transactions sent", String.valueOf(a.nextSequence())},
        new String[] {"Objects owned", String.valueOf(a.blobs().size() + a.storage().size() + a.stakes().size()
            + a.others().size())})));
    List<List<String>> blobs = new ArrayList<>();
    for (BlobPage.BlobObject o : a.blobs()) {
      blobs.add(List.of(Html.idLink("/object/" + o.objectId(), o.objectId()), Units.bytes(o.size()),
          o.certifiedEpoch() == null ? "not certified" : "epoch " + o.certifiedEpoch(), String.valueOf(o.endEpoch()),
          o.deletable() ? "deletable" : "permanent"));
    }
    b.append(Html.section("Blob objects", blobs.isEmpty() ? Html.paragraph("None.")
        : Html.table("blobs", List.of("Object", "Size", "Certified", "End epoch", "Kind"), blobs)));
    List<List<String>> storage = new ArrayList<>();
    for (ObjectView o : a.storage()) {
      JsonNode f = o.fields();
      storage.add(List.of(Html.idLink("/object/" + o.id(), o.id()), Units.bytes(f.path("size").asLong()),
          f.path("startEpoch").asInt() + "–" + f.path("endEpoch").asInt()));
    }
    b.append(Html.section("Storage resources", storage.isEmpty() ? Html.paragraph("None.")
        : Html.table("storage", List.of("Object", "Size", "Epochs"), storage)));
    List<List<String>> stakes = new ArrayList<>();
    for (ObjectView o : a.stakes()) {
      JsonNode f = o.fields();
      JsonNode withdraw = f.path("withdrawEpoch");
      stakes.add(List.of(Html.idLink("/object/" + o.id(), o.id()),
          Html.idLink("/node/" + f.path("nodeId").asString(""), f.path("nodeId").asString("")),
          Units.wal(f.path("principal").asLong()), "epoch " + f.path("activationEpoch").asInt(),
          withdraw.isNumber() ? "withdrawing at epoch " + withdraw.asInt() : "staked"));
    }
    b.append(Html.section("Stakes", stakes.isEmpty() ? Html.paragraph("None.")
        : Html.table("stakes", List.of("Object", "Node", "Principal", "Active from", "State"), stakes)));
    if (!a.others().isEmpty()) {
      List<List<String>> others = new ArrayList<>();
      a.others().forEach(o -> others.add(List.of(Html.idLink("/object/" + o.id(), o.id()), Html.text(o.type()))));
      b.append(Html.section("Other objects", Html.table("others", List.of("Object", "Kind"), others)));
    }
    return b.toString();
  }
}
