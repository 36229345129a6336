package dev.walrus.sites.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The files of a site's folder (sites.md §3.3 step 2): every regular file under it, as resource
 * path {@code /} + its relative path; the config file and ignored paths left out. Symbolic links
 * are followed only to files inside the folder, so a link cannot publish {@code ~/.ssh}; linked
 * directories are not entered (no loops). Each file is hashed as a stream, in bounded memory.
 */
public final class SiteDirectory {
  /** At most this many files: more is almost certainly the wrong folder. */
  public static final int MAX_FILES = 100_000;

  /** Walrus's limit on a resource path: its BCS encoding (length prefix included) fits 2 050 bytes. */
  public static final int MAX_PATH_BCS_BYTES = 2050;

  private SiteDirectory() {}

  /**
   * The folder's files in resource-path order.
   *
   * @param config the ws-resources file, skipped if it lies in the folder
   * @param warnings told about each file skipped for a reason the user may not expect
   * @throws SiteBuilderException if the folder is missing or not a folder, or a path is too long
   */
  public static List<LocalFile> walk(Path folder, Path config, WsResources resources, Consumer<String> warnings)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new SiteBuilderException(folder + ": " + (Files.exists(folder) ? "not a directory" : "no such directory"));
    }
    Path root = folder.toRealPath();
    Path configReal = Files.exists(config) ? config.toRealPath() : config.toAbsolutePath().normalize();
    List<LocalFile> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String resourcePath = resourcePath(root, file);
        Path target = file;
        if (attrs.isSymbolicLink()) {
          Path real;
          try {
            real = file.toRealPath();
          } catch (IOException e) {
            warnings.accept("skipping " + resourcePath + ": a broken symbolic link");
            return FileVisitResult.CONTINUE;
          }
          if (!real.startsWith(root) || !Files.isRegularFile(real)) {
            warnings.accept("skipping " + resourcePath + ": a symbolic link to " + real
                + (real.startsWith(root) ? ", not a file" : ", outside the folder"));
            return FileVisitResult.CONTINUE;
          }
          target = real;
        } else if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        if (target.equals(configReal) || file.equals(configReal) || resources.ignores(resourcePath)) {
          return FileVisitResult.CONTINUE;
        }
        checkPath(resourcePath);
        if (files.size() >= MAX_FILES) {
          throw new SiteBuilderException(folder + " holds more than " + MAX_FILES + " files");
        }
        files.add(new LocalFile(resourcePath, target, Files.size(target), sha256(target)));
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(Comparator.comparing(LocalFile::resourcePath, dev.walrus.core.quilt.QuiltIdentifiers.UTF8_ORDER));
    return files;
  }

  /** {@code /} + the path relative to the root, with {@code /} between its parts on every OS. */
  static String resourcePath(Path root, Path file) {
    StringBuilder b = new StringBuilder();
    for (Path part : root.relativize(file)) {
      b.append('/').append(part.toString().replace('\\', '/'));
    }
    return b.toString();
  }

  static void checkPath(String resourcePath) {
    if (resourcePath.codePoints().anyMatch(Character::isISOControl)) {
      throw new SiteBuilderException("a file name holds a control character, which a resource path may not: "
          + resourcePath.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
              .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append));
    }
    int bytes = resourcePath.getBytes(StandardCharsets.UTF_8).length;
    int prefix = 1;
    for (int n = bytes >>> 7; n != 0; n >>>= 7) {
      prefix++;
    }
    if (bytes + prefix > MAX_PATH_BCS_BYTES) {
      throw new SiteBuilderException("resource path too long (" + bytes + " bytes; at most "
          + (MAX_PATH_BCS_BYTES - 2) + "): " + resourcePath.substring(0, 60) + "…");
    }
  }

  /** The SHA-256 of bytes in memory. */
  public static byte[] sha256(byte[] data) {
    return newDigest().digest(data);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The SHA-256 of a file, read in 64 KiB pieces. */
  public static byte[] sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }
}
