package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import java.util.List;

/**
 * {@code GET /v1/accounts/{address}}: balance in FROST, the sequence number the account's next
 * transaction must carry, and the objects it owns (in ID order). An address the ledger never saw
 * has balance 0, sequence 0 and no objects.
 */
public record AccountView(Address address, long balance, long nextSequence, List<ObjectView> objects) {}
