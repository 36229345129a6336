package dev.walrus.http.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the node's certificate chain file while the server runs and swaps it in when its
 * content changes, so a renewed certificate (certbot replaces the file every ~60 days) takes
 * effect without a restart; Walrus itself restarts the node for that. A file that does not parse
 * or does not certify the network key is logged and ignored: the server keeps the last good chain.
 * New connections get the new certificate; open ones keep theirs.
 *
 * <p>A single daemon thread polls at a fixed interval (files are a few KB; hashing one per minute
 * costs nothing). It is a bean of the {@link SslContextFactory.Server}, so it starts and stops
 * with it.
 */
final class CertificateFileWatcher extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateFileWatcher.class);
  /** Walrus warns this long before its certificate expires. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);
  static final long MAX_FILE_BYTES = 1 << 20;

  private final Path file;
  private final NetworkKeyPair key;
  private final SslContextFactory.Server ssl;
  private final Duration interval;
  private final Clock clock;
  private byte[] lastDigest;
  private ScheduledExecutorService scheduler;

  CertificateFileWatcher(Path file, NetworkKeyPair key, SslContextFactory.Server ssl, Duration interval,
      byte[] loadedContent, Clock clock) {
    this.file = file;
    this.key = key;
    this.ssl = ssl;
    this.interval = interval;
    this.clock = clock;
    this.lastDigest = sha256(loadedContent);
  }

  /** Reads and checks the chain file: the first load, which must succeed. */
  static byte[] read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file + ": " + size + " bytes is too large for a certificate chain");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes((int) MAX_FILE_BYTES + 1);
    }
    if (content.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file + " is too large for a certificate chain");
    }
    return content;
  }

  @Override
  protected void doStart() {
    scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
        .name("node-tls-certificate-watch").daemon(true).factory());
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Compares the file with the chain in use and swaps it in if it changed and is valid. */
  synchronized boolean checkNow() {
    byte[] content;
    try {
      content = read(file);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("cannot re-read the TLS certificate chain {}: {}; keeping the current one", file, e.toString());
      return false;
    }
    byte[] digest = sha256(content);
    if (Arrays.equals(digest, lastDigest)) {
      return false;
    }
    lastDigest = digest; // a bad file is reported once, not at every check
    List<X509Certificate> chain;
    try {
      chain = NodeCertificates.parseChain(content);
      NodeCertificates.requireCertifies(chain, key);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring the changed TLS certificate chain {}: {}; keeping the current one", file, e.getMessage());
      return false;
    }
    try {
      ssl.reload(f -> f.setKeyStore(NodeTls.keyStore(key, chain)));
    } catch (Exception e) {
      LOG.warn("cannot switch to the changed TLS certificate chain {}; keeping the current one", file, e);
      return false;
    }
    LOG.info("TLS certificate chain {} changed; now serving {} (expires {})", file,
        chain.getFirst().getSubjectX500Principal().getName(), chain.getFirst().getNotAfter().toInstant());
    warnIfExpiring(chain, file, clock);
    return true;
  }

  static void warnIfExpiring(List<X509Certificate> chain, Path file, Clock clock) {
    Instant notAfter = chain.getFirst().getNotAfter().toInstant();
    if (notAfter.isBefore(clock.instant().plus(EXPIRY_WARNING))) {
      LOG.warn("the TLS certificate in {} expires at {}; renew it (clients that pin the key still accept it)",
          file, notAfter);
    }
  }

  private void checkQuietly() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      LOG.warn("TLS certificate check of {} failed", file, e);
    }
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
