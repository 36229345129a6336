package dev.walrus.explorer;

import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerJson;
import tools.jackson.databind.JsonNode;

/**
 * One ledger event as the events page and its live feed show it: its place in the ledger, its
 * type (the event record's name, e.g. {@code BlobCertified}) and its fields as JSON.
 */
record EventRow(long sequence, long height, long timestampMs, String type, JsonNode fields) {

  static EventRow of(EventEnvelope e) {
    return new EventRow(e.sequence(), e.height(), e.timestampMs(), e.event().getClass().getSimpleName(),
        LedgerJson.mapper().valueToTree(e.event()));
  }
}
