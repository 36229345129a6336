package dev.walrus.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a server verb ({@code daemon}, {@code portal}) running until the process is stopped
 * (Ctrl-C, SIGTERM: a shutdown hook closes its resources once) or the calling thread is
 * interrupted (an embedding application, a test), which closes them too.
 */
final class UntilStopped {
  private UntilStopped() {}

  /** Blocks until stopped; {@code close} runs exactly once, whichever way. */
  static void await(String name, Runnable close) {
    AtomicBoolean closed = new AtomicBoolean();
    Runnable closeOnce = () -> {
      if (closed.compareAndSet(false, true)) {
        close.run();
      }
    };
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      closeOnce.run();
      stopped.countDown();
    }, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      closeOnce.run();
      Thread.currentThread().interrupt();
    }
  }
}
