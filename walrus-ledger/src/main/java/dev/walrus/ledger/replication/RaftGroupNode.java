package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.GenesisConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * This replica's membership of the Ratis group: the Raft server, its role and leader, and the
 * leader's way of appending blocks to the log (directly to the local server, never through a
 * client, so a follower cannot propose by accident: the server refuses with "not leader").
 *
 * <p>The group ID is derived from the genesis digest: replicas of different networks cannot join
 * each other's group even if misconfigured with the same addresses.
 */
public final class RaftGroupNode implements AutoCloseable {
  /** Block size limit plus room for the log entry's own fields. */
  private static final SizeInBytes ENTRY_LIMIT_SLACK = SizeInBytes.valueOf("1MB");

  private final RaftServer server;
  private final RaftGroupId groupId;
  private final RaftPeerId selfId;
  private final ClientId proposerId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final LedgerStateMachine stateMachine;
  private volatile RaftServer.Division division;

  public RaftGroupNode(ReplicaConfig config, GenesisConfig genesis, LedgerStateMachine stateMachine) throws IOException {
    this.groupId = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(genesis.digest()));
    this.selfId = RaftPeerId.valueOf(config.replicaId());
    this.stateMachine = stateMachine;
    List<RaftPeer> peers = config.peers().stream()
        .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress()).build())
        .toList();
    RaftServer.Builder builder = RaftServer.newBuilder()
        .setServerId(selfId)
        .setGroup(RaftGroup.valueOf(groupId, peers))
        .setStateMachine(stateMachine)
        .setProperties(properties(config))
        .setOption(RaftStorage.StartupOption.RECOVER);
    RaftTls.parameters(config).ifPresent(builder::setParameters);
    this.server = builder.build();
  }

  private static RaftProperties properties(ReplicaConfig config) {
    RaftProperties p = new RaftProperties();
    ReplicaConfig.RaftConfig raft = config.raft();
    RaftServerConfigKeys.setStorageDir(p, List.of(config.dataPath().resolve("raft").toFile()));
    String[] hostPort = config.self().raftAddress().split(":");
    // The API's bind address, when set, is this machine's own interface for Raft too: behind a proxy
    // or NAT the peers' address for this replica is not one it can bind.
    String bindHost = config.api().bindAddress() != null ? config.api().bindAddress() : hostPort[0];
    GrpcConfigKeys.Server.setHost(p, new InetSocketAddress(bindHost, 0).getHostString());
    GrpcConfigKeys.Server.setPort(p, Integer.parseInt(hostPort[1]));
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(raft.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(raft.electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3 * raft.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, raft.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(raft.segmentSizeBytes()));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, raft.purgeGap()));
    // Entries are whole blocks: the appender, the log writer and gRPC must each take the largest.
    long entryLimit = config.proposer().maxBlockBytes() + ENTRY_LIMIT_SLACK.getSize();
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entryLimit));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryLimit + 64 * 1024));
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(entryLimit + 2 * ENTRY_LIMIT_SLACK.getSize()));
    return p;
  }

  public void start() throws IOException {
    server.start();
    division = server.getDivision(groupId);
  }

  public String selfId() {
    return selfId.toString();
  }

  private Optional<DivisionInfo> info() {
    RaftServer.Division d = division;
    return d == null ? Optional.empty() : Optional.of(d.getInfo());
  }

  /** The leader this replica knows of, if any. */
  public Optional<String> leaderId() {
    return info().map(DivisionInfo::getLeaderId).map(RaftPeerId::toString);
  }

  /** Leader and done applying the previous terms' entries: may propose now. */
  public boolean isLeaderReady() {
    return info().map(i -> i.isLeader() && i.isLeaderReady()).orElse(false);
  }

  public String role() {
    return info().map(i -> i.getCurrentRole().name()).orElse("STARTING");
  }

  public long lastAppliedIndex() {
    return info().map(DivisionInfo::getLastAppliedIndex).orElse(-1L);
  }

  /**
   * Appends a block to the log through the local server. Completes once the block was applied
   * here, or fails (not leader, leadership lost, shut down).
   */
  public CompletableFuture<RaftClientReply> propose(BlockProposer.Proposal block) {
    long callId = callIds.incrementAndGet();
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(proposerId)
        .setServerId(selfId)
        .setGroupId(groupId)
        .setCallId(callId)
        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(block.entry())))
        .setType(RaftClientRequest.writeRequestType())
        .build();
    stateMachine.proposing(callId, block.decoded());
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(request);
    } catch (IOException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    return reply.whenComplete((r, e) -> stateMachine.proposed(callId)).thenApply(r -> {
      if (!r.isSuccess()) {
        throw new BlockProposer.NotCommitted(String.valueOf(r.getException()), r.getException());
      }
      return r;
    });
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
