package dev.walrus.ledger.replication;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.state.BlockResult;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.ProposerChecks;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger as a Ratis state machine: each committed log entry is a {@link Block}, applied with
 * {@link LedgerState#applyBlock}; its events go to the {@link EventLog} and its effects to the
 * {@link TransactionTracker}.
 *
 * <p>A snapshot is the state file ({@link SnapshotFile}, managed by {@link
 * SimpleStateMachineStorage}) plus the sealed event segments, so a replica that receives a
 * snapshot from the leader can serve events from any cursor too. On start the latest snapshot is
 * loaded (or genesis if there is none) and Ratis replays the log after it.
 *
 * <p>{@link LedgerState} is single-threaded: blocks are applied under the write lock, readers
 * ({@link #read}) take the read lock.
 */
public final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
  static final String EVENTS_DIR = "events";
  private static final int MAX_PROPOSALS = 1024;

  private final GenesisConfig genesis;
  private final EventLogConfig eventConfig;
  private final TransactionTracker tracker;
  private final Timer applyTimes;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Consumer<BlockResult>> listeners = new CopyOnWriteArrayList<>();
  /** Blocks the leader's proposer has in flight, decoded, by Raft call ID (a bounded cache). */
  private final Map<Long, Block.Decoded> proposals = new ConcurrentHashMap<>();
  private volatile LedgerState state;
  /** The committee after the last applied block, readable without waiting for the next block. */
  private volatile Committee committee;
  private volatile EventLog events;
  private Path smDir;

  public LedgerStateMachine(GenesisConfig genesis, EventLogConfig eventConfig, TransactionTracker tracker,
      MeterRegistry metrics) {
    this.applyTimes = Timer.builder("ledger.block.apply")
        .description("Decoding and executing a block, events appended").register(metrics);
    this.genesis = genesis;
    this.eventConfig = eventConfig;
    this.tracker = tracker;
  }

  /** Called after every applied block (on the apply thread, after the lock is released). */
  public void onBlock(Consumer<BlockResult> listener) {
    listeners.add(listener);
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    getLifeCycle().startAndTransition(() -> {
      super.initialize(server, groupId, raftStorage);
      storage.init(raftStorage);
      smDir = raftStorage.getStorageDir().getStateMachineDir().toPath();
      load();
    }, IOException.class);
  }

  /** After Ratis installed a snapshot from the leader: the state and events are those it brought. */
  @Override
  public void reinitialize() throws IOException {
    load();
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
    LOG.info("installed a snapshot from the leader: height {}, {} events", state.chain().height(),
        state.chain().nextEventSequence());
  }

  /** Before Ratis replaces the state machine directory with an installed snapshot. */
  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
    lock.writeLock().lock();
    try {
      if (events != null) {
        events.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the event log: {}", e.toString());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void load() throws IOException {
    lock.writeLock().lock();
    try {
      SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
      LedgerState loaded;
      if (snapshot == null) {
        loaded = LedgerState.genesis(genesis);
      } else {
        Path path = snapshot.getFile().getPath();
        MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
          MD5FileUtil.verifySavedMD5(path.toFile(), md5);
        }
        SnapshotFile file = SnapshotFile.read(path);
        loaded = LedgerState.fromSnapshot(genesis, file.state());
        if (loaded.chain().nextEventSequence() != file.eventCount()) {
          throw new IOException(path + " is inconsistent: header says " + file.eventCount() + " events, state "
              + loaded.chain().nextEventSequence());
        }
        setLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("loaded snapshot {} (height {}, {} events)", snapshot.getTermIndex(), file.height(), file.eventCount());
      }
      if (events != null) {
        events.close();
      }
      events = EventLog.open(smDir.resolve(EVENTS_DIR), loaded.chain().nextEventSequence(),
          eventConfig.segmentBytes(), eventConfig.memoryEvents());
      state = loaded;
      committee = loaded.staking().committee();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The leader's proposer is about to append a block as Raft call {@code callId}: when it is
   * applied here, its transactions need not be decoded again.
   */
  void proposing(long callId, Block.Decoded decoded) {
    if (proposals.size() >= MAX_PROPOSALS) {
      proposals.clear(); // only a cache: blocks missing from it are decoded
    }
    proposals.put(callId, decoded);
  }

  /** The call completed (applied or failed): forget its block. */
  void proposed(long callId) {
    proposals.remove(callId);
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
    Block block;
    try {
      block = Block.decode(data);
    } catch (BcsException e) {
      // Only this replica's own proposer writes entries, so this is a bug; stay deterministic.
      LOG.error("log entry {} is not a block ({}); applying it as an empty block", entry.getIndex(), e.getMessage());
      block = new Block(0, List.of());
    }
    long start = System.nanoTime();
    // On the leader, the transactions as its proposer decoded them from the same bytes.
    Block.Decoded decoded = trx.getClientRequest() == null ? null : proposals.remove(trx.getClientRequest().getCallId());
    if (decoded == null || decoded.transactions().size() != block.transactions().size()) {
      decoded = block.decode();
    }
    BlockResult result;
    lock.writeLock().lock();
    try {
      result = state.applyBlock(block.proposedTimeMs(), decoded.transactions(), decoded.checks());
      events.append(result.events());
      committee = state.staking().committee();
      updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    } finally {
      lock.writeLock().unlock();
    }
    applyTimes.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    tracker.applied(result.effects());
    for (Consumer<BlockResult> l : listeners) {
      l.accept(result);
    }
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  @Override
  public long takeSnapshot() throws IOException {
    lock.readLock().lock();
    try {
      TermIndex applied = getLastAppliedTermIndex();
      if (applied == null || applied.getIndex() < 0) {
        return RaftLog.INVALID_LOG_INDEX;
      }
      events.seal();
      File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
      new SnapshotFile(applied.getTerm(), applied.getIndex(), state.chain().height(),
          state.chain().nextEventSequence(), state.snapshot()).write(file.toPath());
      MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
      storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied));
      LOG.info("snapshot {} taken (height {})", applied, state.chain().height());
      return applied.getIndex();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The state file and the sealed event segments holding every event it counts. */
  @Override
  public SnapshotInfo getLatestSnapshot() {
    SingleFileSnapshotInfo s = storage.getLatestSnapshot();
    EventLog log = events;
    if (s == null || log == null) {
      return s;
    }
    try {
      long eventCount = SnapshotFile.readHeader(s.getFile().getPath()).eventCount();
      List<FileInfo> files = new ArrayList<>();
      files.add(s.getFile());
      for (Path p : log.sealedFilesUpTo(eventCount)) {
        if (Files.exists(p)) {
          files.add(new FileInfo(p, null));
        }
      }
      return new FileListSnapshotInfo(files, s.getTermIndex());
    } catch (IOException e) {
      LOG.warn("cannot read snapshot {}: {}", s.getFile().getPath(), e.toString());
      return s;
    }
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  /** Reads the state consistently with block application (under the read lock). */
  public <T> T read(Function<LedgerState, T> reader) {
    lock.readLock().lock();
    try {
      return reader.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What the leader checks before proposing a block, reading this state's committee. */
  public Function<List<SignedTransaction>, ProposerChecks> leaderChecks() {
    return new LeaderChecks(() -> committee);
  }

  /** The current event log (replaced when a snapshot is installed). */
  public EventLog events() {
    return events;
  }

  public GenesisConfig genesis() {
    return genesis;
  }

  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (events != null) {
        events.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
