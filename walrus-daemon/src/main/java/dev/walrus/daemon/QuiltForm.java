package dev.walrus.daemon;

import dev.walrus.core.quilt.QuiltException;
import dev.walrus.core.quilt.QuiltFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code PUT /v1/quilts} (protocol.md §7.2): a {@code multipart/form-data} form whose
 * file parts are the quilt's files, each named by its field (the identifier), plus an optional
 * {@code _metadata} part, {@code [{"identifier": s, "tags": {k: v}}]}, giving files their tags
 * (values that are not strings are kept as their JSON text, as Walrus does). Jetty's parser spools
 * large parts to files in the upload directory while the body streams, so only the files
 * themselves end up in memory, once, to be laid out as the quilt.
 */
final class QuiltForm {
  static final String METADATA_FIELD = "_metadata";
  /** Parts kept in memory up to this size; larger ones go to files as they arrive. */
  private static final long MAX_MEMORY_PART = 64 << 10;
  /** More parts than any quilt can hold files (one per shard, less the index) plus the metadata. */
  private static final int MAX_PARTS = 0xFFFF;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private QuiltForm() {}

  /**
   * Reads the form into quilt files, in the order the parts came.
   *
   * @throws DaemonError 413 past {@code maxBytes}; 400 {@code MALFORMED_REQUEST} for anything
   *     that is not such a form, or files with invalid identifiers
   */
  static List<QuiltFile> read(Exchange x, long maxBytes, Path uploads) throws IOException, InterruptedException {
    String boundary = boundary(x.header(HttpHeader.CONTENT_TYPE));
    MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
    parser.setFilesDirectory(uploads);
    parser.setMaxMemoryFileSize(MAX_MEMORY_PART);
    parser.setUseFilesForPartsWithoutFileName(true);
    parser.setMaxParts(MAX_PARTS);
    try (InputStream body = UploadBody.limited(x, maxBytes);
        MultiPartFormData.Parts parts = parse(parser, Content.Source.from(body))) {
      Map<String, Map<String, String>> tags = new HashMap<>();
      Map<MultiPart.Part, String> files = new LinkedHashMap<>();
      for (MultiPart.Part part : parts) {
        String name = part.getName() == null ? "" : part.getName();
        if (name.equals(METADATA_FIELD)) {
          readMetadata(part.getContentAsString(StandardCharsets.UTF_8), tags);
        } else {
          files.put(part, name);
        }
      }
      List<QuiltFile> quilt = new ArrayList<>(files.size());
      for (Map.Entry<MultiPart.Part, String> f : files.entrySet()) {
        byte[] data;
        try (InputStream in = Content.Source.asInputStream(f.getKey().createContentSource())) {
          data = in.readAllBytes();
        }
        quilt.add(file(f.getValue(), tags.getOrDefault(f.getValue(), Map.of()), data));
      }
      if (quilt.isEmpty()) {
        throw DaemonError.malformedRequest("no files provided in multipart form");
      }
      return quilt;
    }
  }

  private static String boundary(String contentType) {
    String boundary = contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
        ? null : MultiPart.extractBoundary(contentType);
    if (boundary == null || boundary.isEmpty()) {
      throw DaemonError.malformedRequest("the body must be multipart/form-data with a boundary, got Content-Type "
          + (contentType == null ? "none" : "'" + contentType + "'"));
    }
    return boundary;
  }

  private static MultiPartFormData.Parts parse(MultiPartFormData.Parser parser, Content.Source body)
      throws InterruptedException {
    try {
      return parser.parse(body).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof DaemonError d) {
        throw d;
      }
      throw DaemonError.malformedRequest("failed to parse multipart form: " + cause.getMessage());
    }
  }

  /** Adds the tags of {@code _metadata} to {@code tags}; an identifier given twice is an error. */
  private static void readMetadata(String text, Map<String, Map<String, String>> tags) {
    JsonNode entries;
    try {
      entries = JSON.readTree(text);
    } catch (JacksonException e) {
      throw DaemonError.malformedRequest("_metadata is not JSON: " + e.getOriginalMessage());
    }
    if (!entries.isArray()) {
      throw DaemonError.malformedRequest("_metadata must be a JSON array of {\"identifier\", \"tags\"} objects");
    }
    for (JsonNode entry : entries) {
      JsonNode identifier = entry.get("identifier");
      if (identifier == null || !identifier.isString()) {
        throw DaemonError.malformedRequest("every _metadata entry needs a string 'identifier'");
      }
      JsonNode given = entry.path("tags");
      if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
        throw DaemonError.malformedRequest("the tags of '" + identifier.stringValue() + "' must be a JSON object");
      }
      Map<String, String> fileTags = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> tag : given.properties()) {
        JsonNode v = tag.getValue();
        fileTags.put(tag.getKey(), v.isString() ? v.stringValue() : JSON.writeValueAsString(v));
      }
      if (tags.put(identifier.stringValue(), fileTags) != null) {
        throw DaemonError.malformedRequest("duplicate identifiers found in _metadata: '" + identifier.stringValue() + "'");
      }
    }
  }

  private static QuiltFile file(String identifier, Map<String, String> tags, byte[] data) {
    try {
      return QuiltFile.of(identifier, tags, data);
    } catch (QuiltException e) {
      throw DaemonError.malformedRequest(e.getMessage());
    }
  }
}
