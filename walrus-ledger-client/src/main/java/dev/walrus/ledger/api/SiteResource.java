package dev.walrus.ledger.api;

import dev.walrus.core.BlobId;
import java.util.List;
import java.util.Optional;

/**
 * One file of a site (sites.md §8.1): its URL {@code path} (starts with {@code /}, at most 2 050
 * bytes), the headers it is served with, the blob holding it, the SHA-256 of the bytes served
 * ({@code blobHash}, 32 bytes), and, when the file is a quilt patch, the patch's 5-byte internal
 * ID (version 1, start and end column as little-endian u16) — a field of its own rather than
 * Walrus's {@code x-wal-quilt-patch-internal-id} header.
 */
public record SiteResource(
    String path,
    List<SiteHeader> headers,
    BlobId blobId,
    byte[] blobHash,
    Optional<byte[]> quiltPatch,
    Optional<ResourceRange> range) {}
