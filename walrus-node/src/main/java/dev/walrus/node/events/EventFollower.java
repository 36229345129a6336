package dev.walrus.node.events;

import dev.walrus.ledger.client.EventSubscription;
import dev.walrus.ledger.client.LedgerClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the ledger's event stream from the node's stored cursor, applying events one at a time
 * in order. If applying fails (a full disk, a bug), the subscription ends and is re-opened from the
 * stored cursor after a pause, so no event is skipped and none is applied twice.
 */
public final class EventFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFollower.class);

  private final LedgerClient ledger;
  private final EventApplier applier;
  private final Consumer<EventApplier.Effects> afterCommit;
  private final Counter applied;
  private final Thread supervisor;
  private volatile boolean closed;
  private volatile EventSubscription subscription;
  private volatile long highestSeen = -1;

  public EventFollower(LedgerClient ledger, EventApplier applier, Consumer<EventApplier.Effects> afterCommit,
      MeterRegistry metrics) {
    this.ledger = ledger;
    this.applier = applier;
    this.afterCommit = afterCommit;
    this.applied = Counter.builder("walrus.node.events.applied").register(metrics);
    Gauge.builder("walrus.node.events.cursor", applier, EventApplier::cursor).register(metrics);
    Gauge.builder("walrus.node.events.lag", this, f -> Math.max(0, f.highestSeen + 1 - f.applier.cursor()))
        .description("events the ledger has that the node has not applied yet").register(metrics);
    this.supervisor = Thread.ofVirtual().name("event-follower").unstarted(this::run);
  }

  public void start() {
    supervisor.start();
  }

  public long cursor() {
    return applier.cursor();
  }

  /** Events seen in the stream but not yet applied (0 when caught up). */
  public long pending() {
    return Math.max(0, highestSeen + 1 - applier.cursor());
  }

  private void run() {
    Duration pause = Duration.ofMillis(200);
    while (!closed) {
      long from = applier.cursor();
      EventSubscription s = ledger.subscribe(from, envelope -> {
        highestSeen = Math.max(highestSeen, envelope.sequence());
        EventApplier.Effects effects = applier.apply(envelope);
        applied.increment();
        afterCommit.accept(effects);
      });
      subscription = s;
      while (!closed && s.isRunning()) {
        sleep(Duration.ofMillis(200));
      }
      s.close();
      if (!closed && s.failure() != null) {
        LOG.error("applying ledger events failed at cursor {}; retrying in {}", applier.cursor(), pause, s.failure());
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : pause.multipliedBy(2);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    EventSubscription s = subscription;
    if (s != null) {
      s.close();
    }
    supervisor.interrupt();
    try {
      supervisor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
