package dev.walrus.ledger.api;

import java.util.Optional;

/**
 * The bytes of a blob a resource is, both ends inclusive (sites.md §1.2): at least one end is
 * set, and {@code end > start} when both are. The builder never writes one; it exists for parity.
 */
public record ResourceRange(Optional<Long> start, Optional<Long> end) {}
