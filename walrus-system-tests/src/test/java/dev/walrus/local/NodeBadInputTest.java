package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.SyncShardMessage;
import dev.walrus.core.messages.SyncShardRequest;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.client.StorageNodeClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on every endpoint: each gets the spec's status and reason in the error format, the
 * node keeps serving, and what it stored is untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeBadInputTest {
  @TempDir static Path dir;

  private LocalNetwork network;
  private LedgerClient ledger;
  private StorageNodeClients clients;
  private final HttpClient http = NodeHttps.CLIENT;
  private Member member;
  private String base;
  private BlobId stored;
  private byte[] data;
  private EncodedBlob encoded;
  private int n;

  @BeforeAll
  void start() throws Exception {
    network = LocalNetwork.start(dir, 4, 10, Duration.ofHours(1), new InProcessNodes(Duration.ofMillis(500)));
    ledger = network.ledgerClient();
    clients = StorageNodeClients.create();
    Ed25519KeyPair wallet = network.fundedWallet(10_000);
    data = TestBlobs.random(50_000, 5);
    stored = TestBlobs.store(ledger, clients, wallet, data, false).blobId();
    CommitteeView committee = ledger.committee();
    member = committee.members().getFirst();
    base = NodeHttps.url(member);
    n = committee.nShards();
    encoded = new BlobEncoder(EncodingConfig.forShards(n)).encode(data);
  }

  @AfterAll
  void stop() {
    clients.close();
    ledger.close();
    network.close();
  }

  private ApiError call(String method, String path, byte[] body, int status, String reason) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    // A node refuses an oversized body from its declared length and closes the connection; a client
    // still sending would see the close instead of the 413 unless it waits for 100-continue (curl does).
    b.expectContinue(body != null && body.length > (1 << 16));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(method + " " + path).isEqualTo(status);
    ApiError e = ApiError.fromJson(r.body());
    assertThat(e.code()).isEqualTo(status);
    assertThat(e.reason()).as(method + " " + path).isEqualTo(reason);
    return e;
  }

  private int ownedPair() {
    return stored.pairForShard(member.shards().getFirst(), n);
  }

  private int foreignPair() {
    for (int shard = 0; shard < n; shard++) {
      if (!member.shards().contains(shard)) {
        return stored.pairForShard(shard, n);
      }
    }
    throw new AssertionError();
  }

  @Test
  void malformedIdsParametersAndPaths() throws Exception {
    call("GET", "/v1/blobs/not-a-blob-id/metadata", null, 400, "INVALID_BLOB_ID");
    call("GET", "/v1/blobs/" + stored + "/status?color=red", null, 400, "UNKNOWN_QUERY_PARAMETER");
    call("GET", "/v1/blobs/" + stored + "/slivers/" + n + "/primary", null, 400, "INDEX_OUT_OF_RANGE");
    call("GET", "/v1/blobs/" + stored + "/slivers/0/tertiary", null, 400, "INVALID_SLIVER_TYPE");
    call("GET", "/v1/nowhere", null, 404, "UNKNOWN_PATH");
    call("DELETE", "/v1/blobs/" + stored + "/metadata", null, 405, "METHOD_NOT_ALLOWED");
    String symbols = "/v1/blobs/" + stored + "/decodingSymbols?targetType=secondary";
    call("GET", symbols, null, 400, "NO_TARGET_SLIVERS_SPECIFIED");
    call("GET", symbols + "&targetSlivers=" + n, null, 400, "RECOVERY_SYMBOL_OUT_OF_RANGE");
    // A target named two hundred times is answered once: the answer's size depends on distinct targets.
    HttpResponse<byte[]> once = http.send(HttpRequest.newBuilder(URI.create(base + symbols + "&targetSlivers=0")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> many = http.send(HttpRequest.newBuilder(URI.create(base + symbols
        + "&targetSlivers=0".repeat(200))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(once.statusCode()).isEqualTo(200);
    assertThat(many.statusCode()).isEqualTo(200);
    assertThat(many.body()).isEqualTo(once.body());
    BlobId unknown = BlobId.of(new byte[32]);
    call("GET", "/v1/blobs/" + unknown + "/metadata", null, 404, "BLOB_NOT_REGISTERED");
    assertThat(clients.forNode(member.networkAddress(), member.networkPublicKey()).blobStatus(unknown).toJson()).isEqualTo("\"nonexistent\"");
    stillServes();
  }

  @Test
  void malformedAndLyingUploads() throws Exception {
    String blob = "/v1/blobs/" + stored;
    call("PUT", blob + "/metadata", new byte[] {1, 2, 3}, 400, "INVALID_METADATA");
    byte[] otherMetadata = new BlobEncoder(EncodingConfig.forShards(n)).computeMetadata(new byte[] {9}).metadata().toBcs();
    call("PUT", blob + "/metadata", otherMetadata, 400, "INVALID_METADATA");
    call("PUT", "/v1/blobs/" + encodedOther() + "/metadata",
        new BlobEncoder(EncodingConfig.forShards(n)).computeMetadata(new byte[] {7, 7}).metadata().toBcs(), 400, "NOT_REGISTERED");
    int pair = ownedPair();
    call("PUT", blob + "/slivers/" + pair + "/primary", new byte[] {0}, 400, "INVALID_SLIVER");
    SliverData right = encoded.primarySliver(pair);
    call("PUT", blob + "/slivers/" + ((pair + 1) % n) + "/primary", right.toBcs(), 400, "SLIVER_INDEX_MISMATCH");
    int foreign = foreignPair();
    call("PUT", blob + "/slivers/" + foreign + "/primary", encoded.primarySliver(foreign).toBcs(), 400, "SHARD_NOT_ASSIGNED");
    byte[] tampered = right.dataCopy();
    tampered[0] ^= 1;
    SliverData bad = SliverData.of(SliverType.PRIMARY, right.index(), right.symbolSize(), tampered);
    call("PUT", blob + "/slivers/" + pair + "/primary", bad.toBcs(), 400, "INVALID_SLIVER");
    byte[] huge = new byte[(int) ((long) EncodingConfig.forShards(n).secondarySymbols() * EncodingConfig.MAX_SYMBOL_SIZE + 1024)];
    call("PUT", blob + "/slivers/" + pair + "/primary", huge, 413, "PAYLOAD_TOO_LARGE");
    call("POST", blob + "/inconsistencyProof/primary", new byte[] {5, 5, 5}, 400, "INVALID_PROOF");
    stillServes();
  }

  @Test
  void syncShardNeedsAMemberSignatureForTheCurrentEpoch() throws Exception {
    CommitteeView committee = ledger.committee();
    Member requester = committee.members().get(1);
    int shard = requester.shards().getFirst();
    SyncShardRequest request = new SyncShardRequest(shard, SliverType.PRIMARY, BlobId.of(new byte[32]), 10, committee.epoch());
    BlsKeyPair stranger = BlsKeyPair.generate();
    byte[] body = SignedMessage.sign(stranger, new SyncShardMessage(committee.epoch(), request)).toBcs();
    call("POST", "/v1/migrate/sync_shard", body, 401, "MISSING_AUTHORIZATION");
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/v1/migrate/sync_shard"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    // Signed by a stranger but claiming a member's key: the signature does not verify.
    HttpResponse<byte[]> r = http.send(b.header("Authorization", Base64.getEncoder().encodeToString(requester.publicKey().bytes()))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiError.fromJson(r.body()).reason()).isEqualTo("MESSAGE_VERIFICATION_FAILED");
    HttpResponse<byte[]> r2 = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/migrate/sync_shard"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Authorization", Base64.getEncoder().encodeToString(stranger.publicKey().bytes())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r2.statusCode()).isEqualTo(403);
    assertThat(ApiError.fromJson(r2.body()).reason()).isEqualTo("REQUEST_UNAUTHORIZED");
    stillServes();
  }

  private BlobId encodedOther() {
    return new BlobEncoder(EncodingConfig.forShards(n)).computeMetadata(new byte[] {7, 7}).blobId();
  }

  private void stillServes() {
    assertThat(TestBlobs.read(ledger, clients, stored)).isEqualTo(data);
    assertThat(clients.forNode(member.networkAddress(), member.networkPublicKey()).health(false).nodeStatus()).isEqualTo("Active");
  }
}
