package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import tools.jackson.databind.JsonNode;

/**
 * A ledger object as JSON: its ID, kind ({@code StorageResource}, {@code BlobObject}, {@code
 * SharedBlobObject}, {@code StakedWal}, {@code StorageNodeCap}, {@code Site}), owner (absent when shared) and
 * its fields as the ledger stores them.
 */
public record ObjectView(ObjectId id, String type, Address owner, JsonNode fields) {}
