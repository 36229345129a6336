package dev.walrus.sites.builder;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A file of the folder being deployed: its resource path ({@code /} + its path relative to the
 * folder), where it is, its size and the SHA-256 of its bytes (what the portal checks).
 */
public record LocalFile(String resourcePath, Path file, long size, byte[] sha256) {
  public LocalFile {
    sha256 = sha256.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }

  @Override
  public String toString() {
    return "LocalFile[" + resourcePath + ", " + size + " B, sha256=" + sha256Hex() + "]";
  }
}
