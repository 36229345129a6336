package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ChallengeItems;
import dev.walrus.core.challenge.ChallengeRequest;
import dev.walrus.core.challenge.ChallengeResponse;
import dev.walrus.core.challenge.ItemCheck;
import dev.walrus.core.challenge.ItemOutcome;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The challenge endpoint's refusals one by one (spec/challenges.md §6.4), with a good request
 * for contrast, on four in-process nodes during a real window.
 */
class ChallengeBadInputTest {
  static final HttpClient HTTP = NodeHttps.CLIENT;
  @TempDir Path dir;

  @Test
  void everyBadRequestGetsItsError() throws Exception {
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, Duration.ofSeconds(40), new InProcessNodes(Duration.ofMillis(500)))) {
      net.storeBlobs(4, 10);
      ChallengeEpochView w = net.awaitStatus(2, "SEEDED", Duration.ofSeconds(120));
      CommitteeView.Member target = net.member(0);
      CommitteeView.Member challenger = net.member(1);
      BlsKeyPair key = net.network.nodes().get(1).protocolKey();
      byte[] seed = w.seed();
      byte[] digest = w.setDigest();
      await().atMost(Duration.ofSeconds(5)).until(() -> post(target, "2", request(key, 2, challenger.nodeId(),
          target.nodeId(), seed, digest)).statusCode() == 200);

      HttpResponse<byte[]> good = post(target, "2", request(key, 2, challenger.nodeId(), target.nodeId(), seed, digest));
      assertThat(good.statusCode()).isEqualTo(200);
      ChallengeResponse response = ChallengeResponse.fromBcs(good.body());
      ChallengeItems derive = new ChallengeItems(seed, w.blobIds(), 16, w.tau());
      int[] targetShards = target.shards().stream().mapToInt(Integer::intValue).sorted().toArray();
      int[] challengerShards = challenger.shards().stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int i = 0; i < response.items().size(); i++) {
        var item = derive.item(target.nodeId(), targetShards, challenger.nodeId(), challengerShards, i);
        var metadata = net.clients.forNode(target.networkAddress(), target.networkPublicKey()).metadata(item.blobId()).metadata();
        assertThat(ItemCheck.check(item, response.items().get(i), metadata, EncodingConfig.forShards(16), Optional.empty()))
            .isEqualTo(ItemOutcome.OK);
      }

      expect(post(target, "2", new byte[] {1, 2, 3}), 400, "MALFORMED");
      expect(post(target, "x", request(key, 2, challenger.nodeId(), target.nodeId(), seed, digest)), 400, "MALFORMED");
      expect(post(target, "3", request(key, 2, challenger.nodeId(), target.nodeId(), seed, digest)), 400, "MALFORMED");
      expect(post(target, "2", request(key, 2, challenger.nodeId(), net.nodeId(2), seed, digest)), 403, "WRONG_TARGET");
      expect(post(target, "2", request(net.network.nodes().get(2).protocolKey(), 2, challenger.nodeId(), target.nodeId(),
          seed, digest)), 403, "BAD_SIGNATURE");
      expect(post(target, "2", request(key, 2, ObjectId.of(new byte[32]), target.nodeId(), seed, digest)), 403,
          "NOT_COMMITTEE_MEMBER");
      byte[] otherSeed = Arrays.copyOf(seed, 32);
      otherSeed[0] ^= 1;
      expect(post(target, "2", request(key, 2, challenger.nodeId(), target.nodeId(), otherSeed, digest)), 409,
          "SEED_MISMATCH");
      HttpResponse<byte[]> early = post(target, "3", request(key, 3, challenger.nodeId(), target.nodeId(), seed, digest));
      expect(early, 425, "SEED_NOT_SEEN");
      assertThat(early.headers().firstValue("Retry-After")).isPresent();
      expect(post(target, "1", request(key, 1, challenger.nodeId(), target.nodeId(), seed, digest)), 410, "WINDOW_CLOSED");
      HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(target)
          + "/v1/challenges/2/status")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(status.statusCode()).isEqualTo(200);
      assertThat(status.body()).contains("\"phase\"").contains(challenger.nodeId().toString());
      HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(target)
          + "/v1/challenges/2/status?x=1")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unknown.statusCode()).isEqualTo(400);

      long close = w.tCloseMs();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> net.ledger.challengeEpoch(OptionalInt.of(2), false).nowMs() > close + 1_500);
      expect(post(target, "2", request(key, 2, challenger.nodeId(), target.nodeId(), seed, digest)), 410, "WINDOW_CLOSED");
    }
  }

  static byte[] request(BlsKeyPair key, long epoch, ObjectId challenger, ObjectId target, byte[] seed, byte[] digest) {
    return SignedChallenge.sign(key, new ChallengeRequest(epoch, challenger, target, seed, digest, 0, 64)).toBcs();
  }

  static HttpResponse<byte[]> post(CommitteeView.Member node, String epoch, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(NodeHttps.url(node) + "/v1/challenges/" + epoch))
        .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static void expect(HttpResponse<byte[]> r, int code, String reason) {
    String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(r.statusCode()).as(body).isEqualTo(code);
    assertThat(body).contains("\"" + reason + "\"");
  }
}
