package dev.walrus.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.ledger.api.ChallengeEpochView;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One challenge cycle with the nodes in this JVM (quick to run and debug; the process tests in
 * {@code ChallengeProcessesTest} are the real ones): every node acks, proves and challenges, and
 * reports; nobody fails.
 */
class ChallengeInProcessTest {
  @TempDir Path dir;

  @Test
  void honestNodesPassAndReport() throws Exception {
    try (ChallengeNet net = ChallengeNet.start(dir, 4, 16, Duration.ofSeconds(40), new InProcessNodes(Duration.ofMillis(500)))) {
      net.storeBlobs(6, 10);
      int e = net.epoch() + 1;
      ChallengeEpochView seeded = net.awaitStatus(e, "SEEDED", Duration.ofSeconds(120));
      assertThat(seeded.blobIds()).isNotEmpty();
      ChallengeEpochView verdicts = net.verdicts(e);
      assertThat(verdicts.reporters()).hasSize(4);
      assertThat(verdicts.results()).hasSize(4).allSatisfy(r -> {
        assertThat(r.failedShards()).as("failed shards of %s", r.nodeId()).isEmpty();
        assertThat(r.issueFail()).isFalse();
        assertThat(r.penalty()).isZero();
      });
    }
  }
}
