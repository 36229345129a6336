package dev.walrus.core.internal.vectorization;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gets the vector kernels compiled by C2 before real work runs on them.
 *
 * <p>Until C2 compiles a Vector API method, every vector operation runs through boxed Java
 * fallback code a hundred times slower than the compiled form, and that fallback code is so hot
 * that C2 spends most of a cold start compiling it rather than the kernels. Work done in that
 * window is therefore expensive twice over. Instead, one daemon thread calls each kernel on tiny
 * probe inputs and times the calls; a compiled call is two orders of magnitude faster, so the
 * switch is unmistakable. Callers wait (bounded) for the kernels they are about to use, which
 * leaves the cores to the compiler in the meantime.
 *
 * <p>The probes rely on the JVM's normal compile thresholds (lowering them made C2 sometimes compile a
 * kernel before its intrinsics could apply, and keep that slow version). With a JVM that never
 * compiles (interpreter only, C1 only) the wait gives up after {@link #MAX_WAIT_MILLIS} and the
 * probing stops. Measured on 2 cores: the GF kernels are ready about 0.2 s after start, the hasher
 * about 0.6–0.9 s; {@code -Dwalrus.codec.trace=true} prints both.
 */
final class KernelWarmup {
  static final long MAX_WAIT_MILLIS = 3000;
  /** A compiled probe call takes well under a microsecond; a fallback one tens of microseconds. */
  private static final long FAST_GF_NANOS = 4_000;
  private static final long FAST_HASH_NANOS = 20_000;
  private static final int CONSECUTIVE_FAST = 3;

  private static final CountDownLatch GF_READY = new CountDownLatch(1);
  private static final CountDownLatch HASH_READY = new CountDownLatch(1);
  private static volatile boolean started;

  private KernelWarmup() {}

  /** Starts warming once; later calls return at once. */
  static void start() {
    if (started) {
      return;
    }
    synchronized (KernelWarmup.class) {
      if (started) {
        return;
      }
      started = true;
      Thread t = new Thread(KernelWarmup::warm, "walrus-kernel-warmup");
      t.setDaemon(true);
      t.start();
    }
  }

  static void awaitGf() {
    await(GF_READY);
  }

  static void awaitHash() {
    await(HASH_READY);
  }

  private static void await(CountDownLatch latch) {
    start();
    try {
      latch.await(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void warm() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
    byte[] buf = new byte[16 * 64];
    // One family at a time, in the order the encoder needs them: probes of both at once would
    // compete for the single C2 thread and delay the first.
    GfKernels g = new PanamaGfKernels();
    for (int fast = 0, round = 0; fast < CONSECUTIVE_FAST && System.nanoTime() < deadline; round++) {
      int log = 1 + (round % 65000);
      long t0 = System.nanoTime();
      g.xor(buf, 0, 512, 256);
      g.mulAdd(buf, 0, 512, 256, log);
      g.mul(buf, 256, 256, log);
      g.fftButterfly(buf, 0, 512, 256, log);
      g.ifftButterfly(buf, 0, 512, 256, log);
      fast = System.nanoTime() - t0 < 5 * FAST_GF_NANOS ? fast + 1 : 0;
    }
    GF_READY.countDown();
    trace("GF(2^16) kernels", deadline);
    Blake2bBatch hasher = new PanamaBlake2bBatch();
    byte[] digests = new byte[9 * 32];
    for (int fast = 0; fast < CONSECUTIVE_FAST && System.nanoTime() < deadline; ) {
      long t0 = System.nanoTime();
      hasher.hash((byte) 0, buf, 0, 64, 9, 64, digests, 0);
      hasher.hash((byte) 1, buf, 1, 70, 3, 300, digests, 0);
      fast = System.nanoTime() - t0 < FAST_HASH_NANOS ? fast + 1 : 0;
    }
    HASH_READY.countDown();
    trace("BLAKE2b batch hasher", deadline);
    // Leaves of small blobs (symbols of 2–6 bytes) take the one-word path, a kernel of its own:
    // left cold, a 10 KiB store ran it through the fallback code (1.4 GB of garbage, seconds). It
    // is warmed last and nobody waits for it, so large blobs are not delayed by its compilation.
    long oneWordDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
    for (int fast = 0; fast < CONSECUTIVE_FAST && System.nanoTime() < oneWordDeadline; ) {
      long t0 = System.nanoTime();
      hasher.hash((byte) 0, buf, 0, 2, 9, 2, digests, 0);
      fast = System.nanoTime() - t0 < FAST_HASH_NANOS ? fast + 1 : 0;
    }
    trace("one-word BLAKE2b path", oneWordDeadline);
  }

  private static void trace(String what, long deadline) {
    if (Boolean.getBoolean("walrus.codec.trace")) {
      long left = deadline - System.nanoTime();
      System.err.printf("walrus codec: %s %s after %d ms%n", what, left > 0 ? "compiled" : "NOT compiled",
          MAX_WAIT_MILLIS - TimeUnit.NANOSECONDS.toMillis(Math.max(0, left)));
    }
  }
}
