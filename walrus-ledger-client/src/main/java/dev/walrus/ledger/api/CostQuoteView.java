package dev.walrus.ledger.api;

/**
 * {@code GET /v1/cost?size=&epochs=}: what storing {@code size} unencoded bytes for {@code epochs}
 * epochs costs at today's prices (ledger.md §2.3), all amounts in FROST. {@code encodedSize} is
 * the billed size for {@code nShards}; {@code storageUnits} is it in 1 MiB units.
 */
public record CostQuoteView(
    long size,
    int epochs,
    int nShards,
    long encodedSize,
    long storageUnits,
    long storagePricePerUnitSize,
    long writePricePerUnitSize,
    long storageCost,
    long writeCost,
    long totalCost) {}
