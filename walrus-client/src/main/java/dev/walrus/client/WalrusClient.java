package dev.walrus.client;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.WalrusException;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.EventPage;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.EventId;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.core.encoding.BlobSource;
import dev.walrus.core.encoding.SpillSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.io.BufferedOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of a Walrus network: stores blobs (encode, register on the ledger, upload to the
 * storage nodes, certify) and reads them back (fetch, verify, decode), with the fault tolerance
 * the protocol promises — any {@code f} shards' worth of nodes may be down or lying.
 *
 * <p>Thread-safe: one instance serves a whole application and runs many stores and reads at once
 * (each on the caller's thread, fanning out on virtual threads). Without a wallet the client is
 * read-only: {@link #store}, {@link #delete} and {@link #extend} throw {@link
 * IllegalStateException}. Close it to release its connections.
 *
 * <pre>{@code
 * try (WalrusClient walrus = WalrusClient.builder().ledger("http://127.0.0.1:9101").wallet(key).build()) {
 *   StoreResult stored = walrus.store(bytes, StoreOptions.defaults().withEpochs(5));
 *   byte[] back = walrus.read(stored.blobId());
 * }
 * }</pre>
 */
public final class WalrusClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalrusClient.class);
  private final LedgerClient ledger;
  private final boolean ownsLedger;
  private final Ed25519KeyPair wallet;
  private final NodeApi.Directory nodes;
  private final Committees committees;
  private final StatusQuery statusQuery;
  private final BlobWriter writer;
  private final SpillSpace spill;
  private final BlobReader reader;

  private WalrusClient(Builder b) {
    this.ownsLedger = b.ledgerClient == null;
    this.ledger = ownsLedger
        ? LedgerClient.builder(b.ledgerUrls).replicaKeys(b.ledgerKeys).connectTimeout(b.connectTimeout).build()
        : b.ledgerClient;
    this.wallet = b.wallet;
    this.nodes = b.nodes != null ? b.nodes : new HttpNodes(StorageNodeClients.builder()
        .connectTimeout(b.connectTimeout).requestTimeout(b.requestTimeout)
        .maxConnectionsPerNode(Math.max(b.uploadConcurrencyPerNode, 4) + 4).build());
    Retry retry = new Retry(b.nodeRetries, b.initialBackoff, b.maxBackoff);
    this.committees = new Committees(ledger, Duration.ofSeconds(10));
    this.statusQuery = new StatusQuery(nodes, new Retry(Math.min(2, b.nodeRetries), b.initialBackoff, b.maxBackoff),
        this::eventMatches);
    this.spill = SpillSpace.directory(b.spillDirectory, SpillSpace.DEFAULT_HEAP_LIMIT);
    this.writer = new BlobWriter(ledger, wallet, committees, nodes, statusQuery, retry, b.uploadConcurrencyPerNode,
        b.confirmationWait, spill, new SliverBuffers(b.uploadBufferBytes));
    this.reader = new BlobReader(nodes, b.readConcurrency,
        new Retry(Math.min(2, b.nodeRetries), b.initialBackoff, b.maxBackoff), spill);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The wallet's address, if the client has a wallet. */
  public Optional<Address> address() {
    return Optional.ofNullable(wallet).map(w -> w.publicKey().toAddress());
  }

  /**
   * The largest blob the network can store now: its shard count decides (the symbol size is at
   * most 65 534 bytes). Cached with the committee.
   */
  public long maxBlobSize() {
    return EncodingConfig.forShards(committees.current().nShards()).maxBlobSize();
  }

  // ---- store ----------------------------------------------------------------------------------

  /** Stores {@code data} with the default options (1 epoch, deletable). */
  public StoreResult store(byte[] data) {
    return store(data, StoreOptions.defaults());
  }

  /**
   * Stores {@code data}: unless {@code options.force()}, first asks the committee whether a
   * permanent blob with this content is already certified for long enough (then nothing is
   * uploaded or paid); otherwise reserves space, registers the blob, uploads metadata and slivers
   * to every storage node, collects confirmations from a quorum and certifies.
   *
   * @throws NotEnoughConfirmationsException if too few nodes confirmed, even after retries
   * @throws LedgerOperationException if a ledger transaction aborts (e.g. not enough WAL)
   * @throws IllegalStateException if the client has no wallet
   * @throws dev.walrus.core.encoding.DataTooLargeException if the blob exceeds the network's maximum
   */
  public StoreResult store(byte[] data, StoreOptions options) {
    Objects.requireNonNull(data, "data");
    return writer.store(BlobSource.of(data), Objects.requireNonNull(options, "options"), new StoreTracker());
  }

  /**
   * Stores the bytes {@code data} gives, read as many times as the encoding needs (the source must
   * not change during the call): a file read with positional reads ({@link
   * BlobSource#of(java.nio.channels.FileChannel)}) stores in bounded memory whatever its size.
   */
  public StoreResult store(BlobSource data, StoreOptions options) {
    return writer.store(Objects.requireNonNull(data, "data"), Objects.requireNonNull(options, "options"),
        new StoreTracker());
  }

  /** Stores the file at {@code file} with the default options. */
  public StoreResult store(Path file) throws IOException {
    return store(file, StoreOptions.defaults());
  }

  /**
   * Stores the file at {@code file}, read with positional reads rather than into the heap, and
   * encoded with the larger intermediate results in a temporary file (see {@link
   * Builder#spillDirectory}), so files of any size up to the network's maximum store in bounded
   * memory. The file must not change during the call.
   *
   * @throws dev.walrus.core.encoding.SpillSpaceException if the temporary space is missing or fails
   */
  public StoreResult store(Path file, StoreOptions options) throws IOException {
    return store(file, options, new StoreTracker());
  }

  private StoreResult store(Path file, StoreOptions options, StoreTracker tracker) throws IOException {
    Objects.requireNonNull(options, "options");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return writer.store(BlobSource.of(ch), options, tracker);
    }
  }

  /**
   * Stores what {@code in} yields until its end (not closed). Encoding reads the blob several
   * times, so the stream is first copied to an unnamed temporary file in the {@linkplain
   * Builder#spillDirectory spill directory}, which is gone when the call returns or the process
   * dies.
   */
  public StoreResult store(InputStream in, StoreOptions options) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(options, "options");
    try (FileChannel ch = SpooledInput.spool(in, spill.directoryOrNull())) {
      return writer.store(BlobSource.of(ch), options, new StoreTracker());
    }
  }

  /**
   * Stores several files one after the other, each as {@link #store(Path, StoreOptions)} would.
   * A file that fails does not stop the others: its result is an {@link StoreResult.Outcome#ERROR}
   * naming the phase that failed (as Walrus's multi-file {@code walrus store} reports it). Only a
   * client without a wallet fails as a whole.
   */
  public List<StoreResult> storeFiles(List<Path> files, StoreOptions options) {
    Objects.requireNonNull(options, "options");
    if (wallet == null) {
      throw new IllegalStateException("this client has no wallet: it can read but not store");
    }
    List<StoreResult> results = new ArrayList<>(files.size());
    for (Path file : files) {
      StoreTracker tracker = new StoreTracker();
      try {
        results.add(store(file, options, tracker));
      } catch (IOException | UncheckedIOException | WalrusException | IllegalArgumentException e) {
        LOG.debug("storing {} failed in phase {}", file, tracker.phase(), e);
        long size = file.toFile().length();
        results.add(StoreResult.failed(tracker.blobId(), tracker.phase(), describe(e), size));
      }
    }
    return results;
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException f) {
      return "no such file: " + f.getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  // ---- read -----------------------------------------------------------------------------------

  /** The blob's bytes, decoded with the default consistency check. */
  public byte[] read(BlobId blobId) {
    return read(blobId, ReadOptions.defaults());
  }

  /**
   * The blob's bytes: metadata and slivers fetched from the nodes and verified, decoded and
   * checked for consistency as {@code options} says.
   *
   * @throws BlobNotFoundException if nodes of a quorum of shards do not know the blob
   * @throws BlobUnavailableException if too little verified data could be fetched
   * @throws dev.walrus.core.encoding.InconsistentBlobException if the blob was encoded
   *     inconsistently (its writer lied); such a blob can never be read
   * @throws dev.walrus.core.encoding.DataTooLargeException if the blob does not fit a byte array
   *     (use {@link #read(BlobId, Path, ReadOptions)})
   */
  public byte[] read(BlobId blobId, ReadOptions options) {
    BlobReader.Fetched f = fetch(blobId);
    long t0 = System.nanoTime();
    byte[] out = new BlobDecoder(f.config()).decode(f.metadata(), f.slivers(), options.consistencyCheck());
    LOG.debug("blob {}: decoded {} B in {} ms ({})", blobId, out.length, (System.nanoTime() - t0) / 1_000_000,
        options.consistencyCheck());
    return out;
  }

  /**
   * Reads the blob into {@code out} (not closed), streaming it row by row: see {@link
   * OpenedBlob#writeTo}. If the read fails part-way, part of the blob may have been written.
   */
  public void read(BlobId blobId, OutputStream out) throws IOException {
    read(blobId, out, ReadOptions.defaults());
  }

  public void read(BlobId blobId, OutputStream out, ReadOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    open(blobId).writeTo(out, options);
  }

  /**
   * Writes bytes {@code [start, start + length)} of the blob to {@code out} (not closed), fetching
   * only the primary slivers that cover the range when they are available.
   *
   * @throws InvalidByteRangeException if the range is empty or does not lie within the blob
   */
  public void read(BlobId blobId, long start, long length, OutputStream out) throws IOException {
    open(blobId).writeRange(start, length, out);
  }

  /**
   * Fetches and verifies the blob's metadata, so its length is known, and returns a handle that
   * writes the blob or a range of it. A committee that changed since it was last read is
   * refreshed, and during an epoch change the previous committee is asked too.
   *
   * @throws BlobNotFoundException if nodes of a quorum of shards do not know the blob
   * @throws BlobUnavailableException if no node gave metadata that verifies
   */
  public OpenedBlob open(BlobId blobId) {
    Objects.requireNonNull(blobId, "blobId");
    return withReadCommittee(committee -> new OpenedBlob(reader, committee, reader.metadata(committee, blobId)));
  }

  /**
   * The Blob object {@code objectId} (or the shared blob of that ID) as the ledger has it: the
   * blob ID it registers and its attributes.
   *
   * @throws BlobObjectNotFoundException if there is no such object, or it is not a blob
   */
  public BlobObject blobObject(ObjectId objectId) {
    Objects.requireNonNull(objectId, "objectId");
    ObjectView view;
    try {
      view = ledger.object(objectId);
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        throw new BlobObjectNotFoundException(objectId, "object " + objectId + " does not exist");
      }
      throw e;
    }
    if (!BlobObject.isBlobObject(view)) {
      throw new BlobObjectNotFoundException(objectId, "object " + objectId + " is a " + view.type() + ", not a blob");
    }
    return BlobObject.fromLedger(view);
  }

  /**
   * Reads the blob that the Blob object {@code objectId} registers into {@code out} (as {@link
   * #read(BlobId, OutputStream, ReadOptions)}) and returns the object, attributes included.
   */
  public BlobObject read(ObjectId objectId, OutputStream out, ReadOptions options) throws IOException {
    BlobObject object = blobObject(objectId);
    read(object.blobId(), out, options);
    return object;
  }

  /** Reads the blob into the file {@code file} (created or replaced). */
  public void read(BlobId blobId, Path file) throws IOException {
    read(blobId, file, ReadOptions.defaults());
  }

  /**
   * Reads the blob into the file {@code file}, created or replaced. Rows are written as they
   * arrive, in bounded memory whatever the blob's size, into a temporary file beside {@code file}
   * that replaces it only once the whole blob is in (and, with {@link ConsistencyCheck#STRICT},
   * re-encoded and checked): a failed read leaves {@code file} as it was.
   */
  public void read(BlobId blobId, Path file, ReadOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    OpenedBlob blob = open(blobId);
    Path target = file.toAbsolutePath();
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
    try {
      try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        if (options.consistencyCheck() == ConsistencyCheck.STRICT) {
          blob.writeChecked(ch);
        } else {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20);
          blob.writeTo(out, options);
          out.flush();
        }
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private BlobReader.Fetched fetch(BlobId blobId) {
    Objects.requireNonNull(blobId, "blobId");
    return withReadCommittee(committee -> reader.fetch(committee, blobId));
  }

  /** Runs a read against the current committee, and again against a newer or the previous one if the data is unavailable. */
  private <T> T withReadCommittee(Function<CommitteeView, T> read) {
    CommitteeView committee = committees.current();
    try {
      return read.apply(committee);
    } catch (BlobUnavailableException e) {
      // The committee may have changed under us, or an epoch change may be under way and the
      // blob's data still with the previous committee.
      CommitteeView fresh = committees.refresh();
      if (fresh.epoch() != committee.epoch()) {
        return read.apply(fresh);
      }
      if (!"EpochChangeDone".equals(ledger.system().epochInfo().epochState())) {
        try {
          return read.apply(committees.previous());
        } catch (WalrusClientException | LedgerClientException ignored) {
          throw e;
        }
      }
      throw e;
    }
  }

  // ---- status ---------------------------------------------------------------------------------

  /**
   * The blob's status as the current committee reports it (protocol.md §4.3): the latest status
   * that nodes of more than {@code f} shards agree on, or that its ledger event confirms.
   *
   * @throws BlobUnavailableException if nodes of fewer than {@code n − f} shards answered
   */
  public BlobStatus blobStatus(BlobId blobId) {
    return statusQuery.status(committees.current(), Objects.requireNonNull(blobId, "blobId"));
  }

  /** Whether the ledger event a status names exists and is about this blob. */
  private boolean eventMatches(BlobStatus status) {
    EventId id = switch (status) {
      case BlobStatus.Permanent p -> p.statusEvent();
      case BlobStatus.Invalid i -> i.event();
      default -> null;
    };
    if (id == null) {
      return false;
    }
    try {
      EventPage page = ledger.events(id.eventSeq(), 1, Duration.ZERO);
      for (EventEnvelope e : page.events()) {
        if (e.sequence() != id.eventSeq() || !Arrays.equals(e.txDigest(), id.txDigestBytes())) {
          continue;
        }
        return switch (e.event()) {
          case LedgerEvent.BlobCertified c when status instanceof BlobStatus.Permanent -> !c.deletable();
          case LedgerEvent.BlobRegistered r when status instanceof BlobStatus.Permanent -> !r.deletable();
          case LedgerEvent.InvalidBlobId i when status instanceof BlobStatus.Invalid -> true;
          default -> false;
        };
      }
    } catch (LedgerClientException | IllegalArgumentException e) {
      return false;
    }
    return false;
  }

  // ---- owned blobs and lifecycle --------------------------------------------------------------

  /**
   * The Blob objects the wallet owns (not those it shared), in object ID order; without {@code
   * includeExpired} only those whose end epoch is after the current epoch.
   */
  public List<BlobObject> listBlobs(boolean includeExpired) {
    if (wallet == null) {
      throw new IllegalStateException("this client has no wallet whose blobs it could list");
    }
    int epoch = includeExpired ? 0 : ledger.system().epochInfo().currentEpoch();
    List<BlobObject> blobs = new ArrayList<>();
    for (ObjectView o : ledger.account(wallet.publicKey().toAddress()).objects()) {
      if (BlobObject.LEDGER_TYPE.equals(o.type())) {
        BlobObject b = BlobObject.fromLedger(o);
        if (includeExpired || b.endEpoch() > epoch) {
          blobs.add(b);
        }
      }
    }
    return blobs;
  }
  // ---- quilts ---------------------------------------------------------------------------------

  /**
   * Stores {@code files} as one quilt (protocol.md §8): laid out as a QuiltV1 blob for the
   * network's shard count, stored like {@link #store(byte[], StoreOptions)} and labelled {@code
   * _walrusBlobType = quilt}. Returns the store's result and each file's quilt patch ID.
   *
   * @throws dev.walrus.core.quilt.QuiltException if the files cannot form a quilt (duplicate or
   *     invalid identifiers, too many or too large files)
   * @throws IllegalArgumentException if {@code files} is empty
   */
  public QuiltStoreResult storeQuilt(List<QuiltFile> files, StoreOptions options) {
    Objects.requireNonNull(options, "options");
    return new QuiltWriter(committees, this::store,
        blob -> execute("set_blob_attribute", new Operation.SetBlobAttribute(blob, QuiltWriter.BLOB_TYPE_ATTRIBUTE,
            QuiltWriter.QUILT_TYPE))).store(List.copyOf(files), options);
  }

  /**
   * The file stored under a quilt patch ID, read from the patch's secondary slivers only (the
   * whole quilt if some cannot be had).
   *
   * @throws dev.walrus.core.quilt.QuiltException ({@code PATCH_NOT_FOUND}) if the ID's columns lie
   *     outside the quilt; ({@code MALFORMED_PATCH}) if no patch starts there
   * @throws BlobNotFoundException if the quilt does not exist
   */
  public QuiltFile readQuiltPatch(QuiltPatchId patchId) {
    return quiltReader().patch(Objects.requireNonNull(patchId, "patchId"));
  }

  /** The file with this identifier in the quilt (its index is read first). */
  public QuiltFile readQuiltFile(BlobId quiltId, String identifier) {
    return readQuiltFiles(quiltId, List.of(identifier)).getFirst();
  }

  /**
   * The files with these identifiers, in quilt order.
   *
   * @throws dev.walrus.core.quilt.QuiltException ({@code PATCH_NOT_FOUND}) naming the identifiers
   *     the quilt lacks
   */
  public List<QuiltFile> readQuiltFiles(BlobId quiltId, List<String> identifiers) {
    return quiltReader().files(Objects.requireNonNull(quiltId, "quiltId"), identifiers);
  }

  /** The files tagged {@code key} = {@code value}, in quilt order (none is an empty list). */
  public List<QuiltFile> readQuiltByTag(BlobId quiltId, String key, String value) {
    return quiltReader().byTag(Objects.requireNonNull(quiltId, "quiltId"), key, value);
  }

  /** Every file of the quilt, in quilt order. */
  public List<QuiltFile> readQuilt(BlobId quiltId) {
    return quiltReader().all(Objects.requireNonNull(quiltId, "quiltId"));
  }

  /** The quilt's verified metadata and index: its patches' identifiers, tags and patch IDs. */
  public QuiltMetadata listQuiltPatches(BlobId quiltId) {
    return quiltReader().metadata(Objects.requireNonNull(quiltId, "quiltId"));
  }

  private QuiltReader quiltReader() {
    return new QuiltReader(nodes, committees::current, reader,
        id -> read(id, ReadOptions.defaults().withConsistencyCheck(ConsistencyCheck.STRICT)));
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  /**
   * Deletes the deletable blob object {@code blobObject} owned by the wallet; its storage comes
   * back to the wallet as a Storage object. Nodes stop serving the blob once no other object
   * registers the same blob ID.
   *
   * @throws LedgerOperationException if the ledger refuses (not deletable, not owned, expired)
   */
  public void delete(ObjectId blobObject) {
    execute("delete_blob", new Operation.DeleteBlob(Objects.requireNonNull(blobObject, "blobObject")));
  }

  /**
   * Extends the certified blob object {@code blobObject} by {@code epochs} epochs, paid from the
   * wallet. Returns the new end epoch.
   */
  public int extend(ObjectId blobObject, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    return certifiedEndEpoch(execute("extend_blob", new Operation.ExtendBlob(blobObject, epochs)));
  }

  /**
   * Extends the shared blob object {@code sharedBlob} by {@code epochs} epochs, paid from its
   * funds (anyone may). Returns the new end epoch.
   */
  public int extendShared(ObjectId sharedBlob, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    return certifiedEndEpoch(execute("extend_shared_blob",
        new Operation.ExtendSharedBlob(Objects.requireNonNull(sharedBlob, "sharedBlob"), epochs)));
  }

  /**
   * The wallet's unexpired Blob objects whose end epoch is at most {@code epochs} after the current
   * epoch: those that expire within {@code epochs} epochs (in object ID order).
   */
  public List<BlobObject> listBlobsExpiringWithin(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
    }
    int current = ledger.system().epochInfo().currentEpoch();
    return listBlobs(false).stream().filter(b -> b.endEpoch() <= (long) current + epochs).toList();
  }

  /**
   * Extends every one of {@code blobs} (certified Blob objects the wallet owns) by {@code epochs}
   * epochs, paid from the wallet, in as few ledger transactions as batches allow (64 blobs each).
   * A batch is all-or-nothing; on a refusal the exception names the operation, and batches before
   * it stay committed.
   *
   * @throws LedgerOperationException if the ledger refuses a batch (not certified, not owned,
   *     expired, too poor)
   */
  public ExtensionSummary extendAll(List<BlobObject> blobs, int epochs) {
    if (wallet == null) {
      throw new IllegalStateException("this client has no wallet: it can read but not extend blobs");
    }
    return Extensions.extend(ledger, wallet, Objects.requireNonNull(blobs, "blobs"), epochs);
  }

  private static int certifiedEndEpoch(TransactionEffects effects) {
    return effects.events().stream().map(EventEnvelope::event)
        .filter(LedgerEvent.BlobCertified.class::isInstance).map(LedgerEvent.BlobCertified.class::cast)
        .mapToInt(LedgerEvent.BlobCertified::endEpoch).findFirst()
        .orElseThrow(() -> new WalrusClientException("the extension emitted no BlobCertified event"));
  }

  private TransactionEffects execute(String what, Operation op) {
    if (wallet == null) {
      throw new IllegalStateException("this client has no wallet: it can read but not " + what);
    }
    return Registrations.ok(what, ledger.execute(wallet, op));
  }

  @Override
  public void close() {
    writer.close();
    nodes.close();
    if (ownsLedger) {
      ledger.close();
    }
  }

  /**
   * Settings. Defaults: node requests time out after 30 s (connect 5 s); 8 concurrent uploads per
   * node; up to 64 concurrent sliver downloads per read; failed node requests retried 5 times with
   * back-off from 250 ms doubling up to 5 s; nodes wait up to 5 s for a blob's registration before
   * confirming.
   */
  public static final class Builder {
    private List<URI> ledgerUrls = List.of();
    private List<byte[]> ledgerKeys = List.of();
    private LedgerClient ledgerClient;
    private Ed25519KeyPair wallet;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int uploadConcurrencyPerNode = 8;
    private int readConcurrency = 64;
    private int nodeRetries = Retry.DEFAULT.retries();
    private Duration initialBackoff = Retry.DEFAULT.initialBackoff();
    private Duration maxBackoff = Retry.DEFAULT.maxBackoff();
    private Duration confirmationWait = Duration.ofSeconds(5);
    private Path spillDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private long uploadBufferBytes = SliverBuffers.defaultCapacity();
    private NodeApi.Directory nodes;

    private Builder() {}

    /** The ledger replicas' API URLs (any replica serves every request). */
    public Builder ledger(String... urls) {
      List<URI> list = new ArrayList<>();
      for (String u : urls) {
        list.add(URI.create(u));
      }
      return ledger(list);
    }

    public Builder ledger(List<URI> urls) {
      if (urls.isEmpty()) {
        throw new IllegalArgumentException("at least one ledger URL is needed");
      }
      this.ledgerUrls = List.copyOf(urls);
      return this;
    }

    /**
     * The ledger replicas' keys (33-byte compressed P-256, their {@code raftKey}s): {@code https://}
     * ledger URLs are then trusted iff the replica's certificate carries one of them; without them,
     * such a replica needs a certificate from a CA the JDK trusts.
     */
    public Builder ledgerKeys(List<byte[]> keys) {
      this.ledgerKeys = List.copyOf(keys);
      return this;
    }

    /**
     * Uses an existing ledger client (shared with the application, so not closed by {@link
     * WalrusClient#close}) instead of ledger URLs.
     */
    public Builder ledgerClient(LedgerClient client) {
      this.ledgerClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The wallet that pays for and owns stored blobs; without one the client is read-only. */
    public Builder wallet(Ed25519KeyPair wallet) {
      this.wallet = wallet;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connect timeout");
      return this;
    }

    /** How long one request to a storage node may take, response included. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "request timeout");
      return this;
    }

    /**
     * Sliver uploads in flight to one node. All nodes are uploaded to at once, so the total is
     * this times the committee size; each in-flight upload holds one sliver's bytes.
     */
    public Builder uploadConcurrencyPerNode(int n) {
      this.uploadConcurrencyPerNode = atLeastOne(n, "upload concurrency");
      return this;
    }

    /** Sliver downloads in flight during one read (at most the slivers it needs). */
    public Builder readConcurrency(int n) {
      this.readConcurrency = atLeastOne(n, "read concurrency");
      return this;
    }

    /**
     * How often a node request that failed transiently (no answer; the node has not yet seen the
     * blob's registration) is retried, and the back-off between tries. A node that still fails
     * is given up on; the quorum decides whether the store succeeds.
     */
    public Builder nodeRetries(int retries, Duration initialBackoff, Duration maxBackoff) {
      new Retry(retries, initialBackoff, maxBackoff);
      this.nodeRetries = retries;
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** How long a node may wait for a blob's registration before it answers a confirmation request. */
    public Builder confirmationWait(Duration d) {
      this.confirmationWait = positive(d, "confirmation wait");
      return this;
    }

    /**
     * Where the encoding of a large blob keeps what it computes (about 2.5 times the blob; small
     * blobs stay in memory) and where a stream being stored is copied. Default: {@code
     * java.io.tmpdir}. The files are unlinked as soon as they are open, so nothing is left
     * behind, even if the process is killed.
     */
    public Builder spillDirectory(Path directory) {
      this.spillDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * At most this many sliver bytes are held in memory for uploads in flight, across all the
     * stores the client runs at once. Default: a quarter of the heap, at most 256 MiB.
     */
    public Builder uploadBufferBytes(long bytes) {
      new SliverBuffers(bytes);
      this.uploadBufferBytes = bytes;
      return this;
    }

    /** Replaces the storage-node transport (tests). */
    Builder nodes(NodeApi.Directory nodes) {
      this.nodes = nodes;
      return this;
    }

    public WalrusClient build() {
      if (ledgerClient == null && ledgerUrls.isEmpty()) {
        throw new IllegalStateException("set the ledger URLs or a ledger client");
      }
      return new WalrusClient(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }

    private static int atLeastOne(int n, String what) {
      if (n < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, got " + n);
      }
      return n;
    }
  }
}
