package dev.walrus.explorer;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.client.LedgerClientException;
import java.util.Optional;

/**
 * {@code /search?q=}: where a pasted ID leads. A blob ID (base64) goes to its blob page; a {@code
 * 0x…} ID is looked up as an object (a Blob object leads to its blob), then as a staking pool,
 * and otherwise taken as an account address — object IDs and addresses look alike.
 */
final class SearchPage {
  private SearchPage() {}

  /** The page to redirect to (a path of this explorer), or a 400/404 explaining why there is none. */
  static String target(LedgerReads ledger, String query) {
    String q = query == null ? "" : query.strip();
    if (q.isEmpty()) {
      throw ExplorerException.badRequest("Type a blob ID, an object ID or an account address in the search box.");
    }
    if (q.length() > 200) {
      throw ExplorerException.badRequest("That is too long to be an ID.");
    }
    if (q.startsWith("0x")) {
      ObjectId id = Ids.objectId(q);
      Optional<ObjectView> object = lookUp(() -> ledger.client().object(id));
      if (object.isPresent()) {
        String blob = object.get().fields().path("blobId").asString(
            object.get().fields().path("blob").path("blobId").asString(""));
        return blob.isEmpty() ? "/object/" + id : "/blob/" + blob;
      }
      if (lookUp(() -> ledger.client().pool(id)).isPresent()) {
        return "/node/" + id;
      }
      return "/account/" + Address.parse(q);
    }
    try {
      return "/blob/" + BlobId.parse(q);
    } catch (RuntimeException e) {
      throw ExplorerException.badRequest("'" + q + "' is neither a blob ID (43 characters of URL-safe base64) nor an "
          + "object ID or account address (0x followed by 64 hex digits).");
    }
  }

  private static <T> Optional<T> lookUp(java.util.function.Supplier<T> read) {
    try {
      return Optional.of(read.get());
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        return Optional.empty();
      }
      throw LedgerReads.translate(e);
    }
  }
}
