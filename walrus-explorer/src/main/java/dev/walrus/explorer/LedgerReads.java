package dev.walrus.explorer;

import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.util.function.Function;

/**
 * The explorer's reads of the ledger API, each failure turned into the page it deserves: the
 * ledger unreachable or without quorum is a 503, an unknown object a 404, a request the ledger
 * refused a 400, anything else a 502 naming what the ledger said.
 */
final class LedgerReads {
  private final LedgerClient client;

  LedgerReads(LedgerClient client) {
    this.client = client;
  }

  <T> T read(Function<LedgerClient, T> call) {
    try {
      return call.apply(client);
    } catch (LedgerClientException e) {
      throw translate(e);
    }
  }

  static ExplorerException translate(LedgerClientException e) {
    int code = e.httpCode();
    if (code == 0 || code == 502 || code == 503 || code == 504) {
      return new ExplorerException(503, "The ledger cannot be reached",
          "The explorer could not read the ledger: " + e.getMessage() + ". Try again in a moment.", e);
    }
    if (code == 404) {
      return new ExplorerException(404, "Not found", "The ledger has no such thing: " + e.getMessage() + ".", e);
    }
    if (code == 400) {
      return new ExplorerException(400, "Bad request", "The ledger refused the request: " + e.getMessage() + ".", e);
    }
    return new ExplorerException(502, "The ledger answered with an error",
        "The ledger answered HTTP " + code + " (" + e.reason() + "): " + e.getMessage() + ".", e);
  }

  LedgerClient client() {
    return client;
  }
}
