package dev.walrus.core.encoding;

import java.nio.charset.StandardCharsets;

/** The deterministic blob generators of the test vectors (shared/vectors/README.md). */
public final class BlobGenerators {
  private BlobGenerators() {}

  public static byte[] make(String generator, int size) {
    if (generator.startsWith("text:")) {
      return generator.substring(5).getBytes(StandardCharsets.UTF_8);
    }
    byte[] out = new byte[size];
    switch (generator) {
      case "lin31" -> {
        for (int i = 0; i < size; i++) {
          out[i] = (byte) ((i * 31L + 7) % 251);
        }
      }
      case "zero" -> { }
      case "ramp" -> {
        for (int i = 0; i < size; i++) {
          out[i] = (byte) i;
        }
      }
      case "lcg" -> {
        int x = 0x12345678;
        for (int i = 0; i < size; i++) {
          x = x * 1103515245 + 12345;
          out[i] = (byte) (x >>> 16);
        }
      }
      case "xs32" -> {
        int x = 0x9E3779B9;
        for (int i = 0; i < size; i++) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          out[i] = (byte) x;
        }
      }
      default -> throw new IllegalArgumentException("unknown generator " + generator);
    }
    return out;
  }
}
