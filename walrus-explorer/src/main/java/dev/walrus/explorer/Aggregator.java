package dev.walrus.explorer;

import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.LedgerJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator the explorer links to for reading blobs, and asks for a quilt's patches ({@code
 * GET /v1/quilts/{id}/patches}). Its answers are bounded in size and time; a blob that is not a
 * quilt, or an aggregator that does not answer, simply has no patches on the page.
 */
final class Aggregator {
  private static final int MAX_PATCH_LIST_BYTES = 1 << 20;

  /** One file of a quilt: its identifier, the ID to read it by, its tags. */
  record Patch(String identifier, String patchId, Map<String, String> tags) {}

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  Aggregator(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Where a browser reads the blob. */
  URI blobUrl(BlobId id) {
    return base.resolve("/v1/blobs/" + id);
  }

  URI patchUrl(String patchId) {
    return base.resolve("/v1/blobs/by-quilt-patch-id/" + patchId);
  }

  /** The quilt's patches; empty if the blob is not a quilt or the aggregator does not say. */
  Optional<List<Patch>> patches(BlobId id) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/quilts/" + id + "/patches")).timeout(timeout).GET()
        .build();
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          return Optional.empty();
        }
        return Optional.of(parse(LedgerJson.mapper().readTree(body.readNBytes(MAX_PATCH_LIST_BYTES))));
      }
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<Patch> parse(JsonNode list) {
    List<Patch> out = new ArrayList<>();
    for (JsonNode p : list) {
      Map<String, String> tags = new LinkedHashMap<>();
      p.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString("")));
      out.add(new Patch(p.path("identifier").asString(""), p.path("patch_id").asString(""), tags));
    }
    return out;
  }
}
