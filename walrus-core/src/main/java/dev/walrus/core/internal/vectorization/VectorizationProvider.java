package dev.walrus.core.internal.vectorization;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Chooses, once per JVM, between the Vector API kernels and the scalar fallback.
 *
 * <p>The Vector API is an incubator module: it is only visible when the JVM runs with {@code
 * --add-modules jdk.incubator.vector} (the {@code walrus} launcher and the build pass it). Without
 * it, or on hardware without 256-bit vectors, the codec still works with the scalar kernels and a
 * one-time warning says how to enable the fast path. Setting the system property {@code
 * walrus.vectorization=scalar} forces the fallback (for tests and comparisons).
 */
public final class VectorizationProvider {
  private static final GfKernels KERNELS = choose();

  private VectorizationProvider() {}

  /** The kernels this JVM uses. */
  public static GfKernels kernels() {
    return KERNELS;
  }

  /**
   * Blocks (at most a few seconds, once per JVM) until the vector GF(2^16) kernels are compiled;
   * returns at once with the scalar kernels. Call before heavy coding work: see {@link
   * KernelWarmup} for why running vector code before it is compiled is worse than waiting.
   */
  public static void awaitGfKernels() {
    if (!(KERNELS instanceof ScalarGfKernels)) {
      KernelWarmup.awaitGf();
    }
  }

  /** As {@link #awaitGfKernels()}, for the batch BLAKE2b hasher. */
  public static void awaitHashing() {
    if (!(KERNELS instanceof ScalarGfKernels)) {
      KernelWarmup.awaitHash();
    }
  }

  /** Starts compiling the vector kernels in the background, so a later wait is shorter. */
  public static void startWarmup() {
    if (!(KERNELS instanceof ScalarGfKernels)) {
      KernelWarmup.start();
    }
  }

  /** A new batch hasher of the kind this JVM uses (each holds scratch space for one thread). */
  public static Blake2bBatch newBlake2bBatch() {
    return KERNELS instanceof ScalarGfKernels ? new ScalarBlake2bBatch() : new PanamaBlake2bBatch();
  }

  /** A new portable batch hasher, regardless of the choice made at start-up. */
  public static Blake2bBatch newScalarBlake2bBatch() {
    return new ScalarBlake2bBatch();
  }

  /** The portable kernels, regardless of the choice made at start-up. */
  public static GfKernels scalarKernels() {
    return new ScalarGfKernels();
  }

  /** The vector kernels, or empty when they cannot run in this JVM. */
  public static java.util.Optional<GfKernels> vectorKernels() {
    return vectorApiUsable() ? java.util.Optional.of(new PanamaGfKernels()) : java.util.Optional.empty();
  }

  private static GfKernels choose() {
    String forced = System.getProperty("walrus.vectorization", "").toLowerCase(Locale.ROOT);
    if (forced.equals("scalar")) {
      return new ScalarGfKernels();
    }
    if (!vectorApiUsable()) {
      System.getLogger(VectorizationProvider.class.getName())
          .log(
              Level.WARNING,
              "Java Vector API not available: the erasure codec runs on scalar code, several times"
                  + " slower. Start the JVM with --add-modules jdk.incubator.vector (the walrus"
                  + " launcher does) on a CPU with 256-bit vectors (AVX2 or better).");
      return new ScalarGfKernels();
    }
    return new PanamaGfKernels();
  }

  private static boolean vectorApiUsable() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return VectorSupport.preferredBits() >= 256;
    } catch (LinkageError e) {
      return false;
    }
  }

  /** Isolates the only reference to the incubator module so the provider links without it. */
  private static final class VectorSupport {
    static int preferredBits() {
      return jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.vectorBitSize();
    }
  }
}
