package dev.walrus.core.internal.vectorization;

import java.time.Duration;

/**
 * Gets the vector kernels compiled before a long-running service leans on them. {@link
 * KernelWarmup} gives up after three seconds, which suits a command-line tool; a storage node that
 * restarts into thousands of blobs to recover, on a machine busy enough that C2 needs longer, would
 * otherwise run the kernels' boxed fallback code — a hundred times slower, and so hot that the
 * compiler itself starves — for minutes. This keeps probing (as {@link KernelWarmup} does) until
 * both kernel families run compiled or {@code maxWait} passes.
 */
public final class KernelReadiness {
  private static final long FAST_GF_NANOS = 20_000;
  private static final long FAST_HASH_NANOS = 20_000;
  private static final int CONSECUTIVE_FAST = 3;
  private static volatile boolean ready;

  private KernelReadiness() {}

  /**
   * Probes the GF(2^16) kernels and the batch hasher until both run compiled, at most {@code
   * maxWait}; returns whether they do. Returns at once with the scalar kernels, or once ready.
   * {@code betweenProbes} runs after each probe, so a caller can give way to more urgent work
   * while the compiler catches up.
   */
  public static boolean awaitCompiled(Duration maxWait, Runnable betweenProbes) {
    if (ready || !(VectorizationProvider.kernels() instanceof PanamaGfKernels)) {
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    byte[] buf = new byte[16 * 64];
    GfKernels g = new PanamaGfKernels();
    boolean gf = false;
    for (int fast = 0, round = 0; !(gf = fast >= CONSECUTIVE_FAST) && System.nanoTime() < deadline; round++) {
      int log = 1 + (round % 65000);
      long t0 = System.nanoTime();
      g.xor(buf, 0, 512, 256);
      g.mulAdd(buf, 0, 512, 256, log);
      g.mul(buf, 256, 256, log);
      g.fftButterfly(buf, 0, 512, 256, log);
      g.ifftButterfly(buf, 0, 512, 256, log);
      fast = System.nanoTime() - t0 < FAST_GF_NANOS ? fast + 1 : 0;
      betweenProbes.run();
    }
    Blake2bBatch hasher = new PanamaBlake2bBatch();
    byte[] digests = new byte[9 * 32];
    boolean hash = false;
    for (int fast = 0; !(hash = fast >= CONSECUTIVE_FAST) && System.nanoTime() < deadline; ) {
      long t0 = System.nanoTime();
      hasher.hash((byte) 0, buf, 0, 64, 9, 64, digests, 0);
      hasher.hash((byte) 1, buf, 1, 70, 3, 300, digests, 0);
      fast = System.nanoTime() - t0 < FAST_HASH_NANOS ? fast + 1 : 0;
      betweenProbes.run();
    }
    ready = gf && hash;
    return ready;
  }
}
