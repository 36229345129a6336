package dev.walrus.daemon;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the daemon runs: which services (aggregator, publisher or both), where it listens, and
 * Walrus's limits, with Walrus's defaults (protocol.md §7, §11). Immutable; built with {@link
 * #builder()}.
 *
 * @param metricsAddress where {@code /metrics} is served; {@code null} for nowhere
 * @param blocklist a file of blocked blob IDs (Walrus's YAML list); {@code null} for none
 * @param maxBodyBytes the largest PUT body of a blob; {@code null} for the network's maximum blob size
 * @param maxQuiltBodyBytes the largest PUT body of a quilt (its multipart form)
 * @param maxBlobSize the largest blob the aggregator serves; {@code null} for no limit
 * @param allowedHeaders blob attributes (lower case) that reads by object ID return as headers
 * @param allowQuiltPatchTagsInResponse whether reads of quilt patches return every tag as a header,
 *     not only those in {@code allowedHeaders}
 * @param jwt publisher authentication; {@code null} for none
 * @param renewal background renewal of the wallet's blobs; {@code null} for none (the default)
 */
public record DaemonSettings(
    boolean aggregator,
    boolean publisher,
    InetSocketAddress bindAddress,
    InetSocketAddress metricsAddress,
    Path blocklist,
    Long maxBodyBytes,
    long maxQuiltBodyBytes,
    int publisherConcurrency,
    int publisherBuffer,
    int aggregatorConcurrency,
    int aggregatorBuffer,
    Set<String> allowedHeaders,
    boolean allowQuiltPatchTagsInResponse,
    Long maxBlobSize,
    JwtSettings jwt,
    RenewalSettings renewal) {

  public static final List<String> DEFAULT_ALLOWED_HEADERS = List.of("content-type", "authorization",
      "content-disposition", "content-encoding", "content-language", "content-location", "link");

  public DaemonSettings {
    if (!aggregator && !publisher) {
      throw new IllegalArgumentException("the daemon must run the aggregator, the publisher or both");
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (publisherConcurrency < 1 || publisherBuffer < 1 || aggregatorConcurrency < 1 || aggregatorBuffer < 1) {
      throw new IllegalArgumentException("concurrency limits and buffer sizes must be at least 1");
    }
    if (maxBodyBytes != null && maxBodyBytes < 0 || maxQuiltBodyBytes < 0) {
      throw new IllegalArgumentException("the maximum body sizes must not be negative");
    }
    if (renewal != null && !publisher) {
      throw new IllegalArgumentException("blob renewal pays with the publisher's wallet: run the publisher or the daemon");
    }
    allowedHeaders = allowedHeaders.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings; defaults as Walrus's. */
  public static final class Builder {
    private boolean aggregator = true;
    private boolean publisher = true;
    private InetSocketAddress bindAddress = new InetSocketAddress("127.0.0.1", 31415);
    private InetSocketAddress metricsAddress = new InetSocketAddress("127.0.0.1", 27182);
    private Path blocklist;
    private Long maxBodyBytes;
    private long maxQuiltBodyBytes = 102_400L << 10;
    private int publisherConcurrency = 8;
    private int publisherBuffer = 8;
    private int aggregatorConcurrency = 256;
    private int aggregatorBuffer = 320;
    private Set<String> allowedHeaders = Set.copyOf(DEFAULT_ALLOWED_HEADERS);
    private boolean allowQuiltPatchTagsInResponse;
    private Long maxBlobSize;
    private JwtSettings jwt;
    private RenewalSettings renewal;

    private Builder() {}

    /** Which services to run: {@code walrus daemon} runs both. */
    public Builder services(boolean aggregator, boolean publisher) {
      this.aggregator = aggregator;
      this.publisher = publisher;
      return this;
    }

    public Builder bindAddress(InetSocketAddress address) {
      this.bindAddress = address;
      return this;
    }

    public Builder metricsAddress(InetSocketAddress address) {
      this.metricsAddress = address;
      return this;
    }

    public Builder blocklist(Path file) {
      this.blocklist = file;
      return this;
    }

    /** The largest PUT body of a blob; {@code null} (the default) for the network's maximum blob size. */
    public Builder maxBodyBytes(Long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder maxQuiltBodyBytes(long bytes) {
      this.maxQuiltBodyBytes = bytes;
      return this;
    }

    public Builder publisherLimits(int concurrency, int buffer) {
      this.publisherConcurrency = concurrency;
      this.publisherBuffer = buffer;
      return this;
    }

    public Builder aggregatorLimits(int concurrency, int buffer) {
      this.aggregatorConcurrency = concurrency;
      this.aggregatorBuffer = buffer;
      return this;
    }

    public Builder allowedHeaders(Set<String> names) {
      this.allowedHeaders = Set.copyOf(names);
      return this;
    }

    public Builder allowQuiltPatchTagsInResponse(boolean allow) {
      this.allowQuiltPatchTagsInResponse = allow;
      return this;
    }

    public Builder maxBlobSize(Long bytes) {
      this.maxBlobSize = bytes;
      return this;
    }

    public Builder jwt(JwtSettings jwt) {
      this.jwt = jwt;
      return this;
    }

    /** Renews the wallet's blobs in the background; {@code null} (the default) for never. */
    public Builder renewal(RenewalSettings renewal) {
      this.renewal = renewal;
      return this;
    }

    public DaemonSettings build() {
      return new DaemonSettings(aggregator, publisher, bindAddress, metricsAddress, blocklist, maxBodyBytes,
          maxQuiltBodyBytes, publisherConcurrency, publisherBuffer, aggregatorConcurrency, aggregatorBuffer,
          allowedHeaders, allowQuiltPatchTagsInResponse, maxBlobSize, jwt, renewal);
    }
  }
}
