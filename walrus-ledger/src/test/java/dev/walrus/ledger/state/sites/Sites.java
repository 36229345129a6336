package dev.walrus.ledger.state.sites;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SiteDiff;
import dev.walrus.ledger.api.SiteHeader;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteRoute;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** Builders for site operations in tests. */
public final class Sites {
  private Sites() {}

  /** A valid resource at {@code path}, its blob and hash derived from {@code content}. */
  public static SiteResource resource(String path, String content) {
    return new SiteResource(path, List.of(new SiteHeader("content-type", "text/html")), blob(content),
        sha256(content), Optional.of(new byte[] {1, 0, 0, 1, 0}), Optional.empty());
  }

  public static SiteResource resource(String path) {
    return resource(path, "content of " + path);
  }

  public static BlobId blob(String content) {
    return BlobId.of(sha256("blob:" + content));
  }

  public static byte[] sha256(String content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Operation.CreateSite create(String name) {
    return new Operation.CreateSite(name, SiteMetadata.EMPTY);
  }

  public static SiteDiff puts(SiteResource... puts) {
    return new SiteDiff(List.of(), List.of(puts), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static SiteDiff deletes(String... paths) {
    return new SiteDiff(List.of(paths), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static SiteDiff routes(List<SiteRoute> routes) {
    return new SiteDiff(List.of(), List.of(), Optional.of(routes), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static SiteDiff redirects(List<SiteRedirect> redirects) {
    return new SiteDiff(List.of(), List.of(), Optional.empty(), Optional.of(redirects), Optional.empty(), Optional.empty());
  }

  public static SiteDiff name(String name) {
    return new SiteDiff(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(name));
  }

  public static SiteDiff metadata(SiteMetadata metadata) {
    return new SiteDiff(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.of(metadata), Optional.empty());
  }

  public static Operation.UpdateSite update(ObjectId site, SiteDiff diff) {
    return new Operation.UpdateSite(site, diff);
  }
}
