package dev.walrus.node.challenge;

import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.committee.CommitteeService;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the current epoch's challenge from the ledger (one small GET per poll) and hands each
 * fresh snapshot to the node's challenge service. Holds the latest snapshot for the blackout
 * checks on the request path, which must never wait for the ledger.
 */
final class WindowTracker {
  private static final Logger LOG = LoggerFactory.getLogger(WindowTracker.class);

  private final LedgerClient ledger;
  private final CommitteeService committees;
  private volatile long epochMs;
  private volatile Window current;
  private volatile boolean disabled;

  WindowTracker(LedgerClient ledger, CommitteeService committees) {
    this.ledger = ledger;
    this.committees = committees;
  }

  /** The latest snapshot, if any was read. */
  Optional<Window> current() {
    return Optional.ofNullable(current);
  }

  /** The network runs no challenges (the ledger said so): polling stops mattering. */
  boolean disabled() {
    return disabled;
  }

  /** Reads the ledger once and passes the snapshot on; failures are logged and retried next poll. */
  void poll(Consumer<Window> onWindow) {
    if (disabled) {
      return;
    }
    try {
      if (epochMs == 0) {
        epochMs = ledger.genesis().epochDurationMs();
      }
      ChallengeEpochView view = ledger.challengeEpoch(OptionalInt.empty(), false);
      Committees c = committees.get();
      if (c.epoch() != view.epoch()) {
        c = committees.refresh();
      }
      if (c.epoch() != view.epoch()) {
        return;
      }
      CommitteeView committee = c.current();
      Window w = Window.of(view, committee, c.selfIn(committee), epochMs);
      current = w;
      onWindow.accept(w);
    } catch (LedgerClientException e) {
      if ("CHALLENGES_DISABLED".equals(e.reason())) {
        disabled = true;
        LOG.info("the network runs no storage challenges");
      } else if (!"CHALLENGE_EPOCH_NOT_FOUND".equals(e.reason())) {
        LOG.debug("reading the challenge window: {}", e.getMessage());
      }
    } catch (IllegalStateException e) {
      LOG.debug("committee not loaded yet: {}", e.getMessage());
    }
  }
}
