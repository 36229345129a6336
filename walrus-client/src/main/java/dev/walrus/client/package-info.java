/**
 * The Walrus SDK: {@link dev.walrus.client.WalrusClient} stores, reads, inspects, deletes and
 * extends blobs on a walrus-java network.
 *
 * <p>The public surface is deliberately small — the client, its builder, {@link
 * dev.walrus.client.StoreOptions}, {@link dev.walrus.client.ReadOptions}, {@link
 * dev.walrus.client.StoreResult} (with {@link dev.walrus.client.ResourceOperation} and the
 * ledger objects {@link dev.walrus.client.BlobObject} and {@link
 * dev.walrus.client.StorageResource}), {@link dev.walrus.client.ProgressListener}, {@link
 * dev.walrus.client.BlobStoreResultJson} (Walrus's JSON of a store result, shared by the CLI and
 * the publisher), the quilt results ({@link dev.walrus.client.QuiltStoreResult}, {@link
 * dev.walrus.client.StoredQuiltPatch}, {@link dev.walrus.client.QuiltMetadata}, and their JSON, {@link
 * dev.walrus.client.QuiltStoreResultJson}) and the exceptions — so that the CLI, the HTTP daemon and applications build on
 * one stable API. Everything else (the write and read flows, retries,
 * fan-out, the node transport) is package-private and may change.
 *
 * <p>Trust model: nothing a storage node says is taken on faith. Metadata must hash to the blob
 * ID, every sliver must match the metadata, every confirmation must carry a valid BLS signature
 * of the node's committee key for the right epoch, blob and persistence, and absence or status
 * claims count only with enough shard weight behind them ({@code n − f} for "not found", more
 * than {@code f} for a status). Up to {@code f} shards' worth of nodes may fail or lie.
 */
package dev.walrus.client;
