package dev.walrus.sites.builder;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SiteMetadata;
import dev.walrus.ledger.api.SiteRedirect;
import dev.walrus.ledger.api.SiteRoute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A site's {@code ws-resources.json} (sites.md §2), read strictly as Walrus's site-builder reads
 * it: snake_case keys, any unknown key refused (a misspelt {@code site-name} must not be silently
 * ignored), globs compiled and redirect status codes checked up front, so a bad file fails the
 * deploy before anything is uploaded or paid.
 *
 * @param headers glob → header name → value, in file order
 * @param routes pattern → resource path
 * @param redirects glob → where and with which status
 * @param metadata the five descriptive fields, if the file has the block
 * @param siteName the site's name, if set
 * @param objectId the site this folder deploys to, once it exists
 * @param ignore globs of resource paths left out of the site
 */
public record WsResources(
    Map<String, Map<String, String>> headers,
    Map<String, String> routes,
    Map<String, Redirect> redirects,
    Optional<Metadata> metadata,
    Optional<String> siteName,
    Optional<ObjectId> objectId,
    List<String> ignore) {

  /** The file's name inside a site's folder. */
  public static final String FILE_NAME = "ws-resources.json";

  /** The status codes a redirect may have (sites.md §1.2). */
  public static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

  public static final WsResources EMPTY =
      new WsResources(Map.of(), Map.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .defaultPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectNameValueSpacing(Separators.Spacing.AFTER)))
      .build();

  /** A redirect's target and status, as the file writes it. */
  public record Redirect(
      @JsonProperty(value = "location", required = true) String location,
      @JsonProperty(value = "status_code", required = true) Integer statusCode) {}

  /** The {@code metadata} block: each field optional. */
  public record Metadata(
      @JsonProperty("link") String link,
      @JsonProperty("image_url") String imageUrl,
      @JsonProperty("description") String description,
      @JsonProperty("project_url") String projectUrl,
      @JsonProperty("creator") String creator) {

    public SiteMetadata toLedger() {
      return new SiteMetadata(Optional.ofNullable(link), Optional.ofNullable(imageUrl),
          Optional.ofNullable(description), Optional.ofNullable(projectUrl), Optional.ofNullable(creator));
    }
  }

  /** The file as written, before validation. */
  private record Raw(
      @JsonProperty("headers") LinkedHashMap<String, LinkedHashMap<String, String>> headers,
      @JsonProperty("routes") LinkedHashMap<String, String> routes,
      @JsonProperty("redirects") LinkedHashMap<String, Redirect> redirects,
      @JsonProperty("metadata") Metadata metadata,
      @JsonProperty("site_name") String siteName,
      @JsonProperty("object_id") String objectId,
      @JsonProperty("ignore") List<String> ignore) {}

  private static final List<String> KEYS =
      List.of("headers", "routes", "redirects", "metadata", "site_name", "object_id", "ignore");

  /** The file at {@code file}, or {@link #EMPTY} if there is none and {@code required} is false. */
  public static WsResources load(Path file, boolean required) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      if (required) {
        throw new WsResourcesException(file + ": no such file");
      }
      return EMPTY;
    }
    return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * Parses and validates the text of a file named {@code name} (used in messages).
   *
   * @throws WsResourcesException with one line naming the line, column and reason
   */
  public static WsResources parse(String name, String json) {
    Raw raw;
    try {
      raw = MAPPER.readValue(json, Raw.class);
    } catch (JacksonException e) {
      throw new WsResourcesException(name + where(e, json) + ": " + reason(e));
    }
    if (raw == null) {
      throw new WsResourcesException(name + ": the file must hold a JSON object");
    }
    return validate(name, raw);
  }

  private static String where(JacksonException e, String json) {
    if (e instanceof UnrecognizedPropertyException u) {
      // Records are built once all their keys are read, so Jackson reports the end of the object;
      // point at the key itself instead.
      TokenStreamLocation at = locateKey(json, u.getPropertyName(), u.getPath().size());
      if (at != null) {
        return ":" + at.getLineNr() + ":" + at.getColumnNr();
      }
    }
    if (e.getLocation() == null || e.getLocation().getLineNr() < 1) {
      return "";
    }
    return ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
  }

  /** Where the first key {@code name} at object nesting {@code depth} starts, if found. */
  private static TokenStreamLocation locateKey(String json, String name, int depth) {
    try (JsonParser p = MAPPER.createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.PROPERTY_NAME && name.equals(p.currentName())
            && p.streamReadContext().getNestingDepth() == depth) {
          return p.currentTokenLocation();
        }
      }
    } catch (JacksonException ignored) {
      // the text was parsed once already; no location then
    }
    return null;
  }

  private static String reason(JacksonException e) {
    String key = e.getPath().stream().map(JacksonException.Reference::getPropertyName)
        .filter(java.util.Objects::nonNull).collect(Collectors.joining("."));
    if (e instanceof UnrecognizedPropertyException u) {
      String known = u.getPath().size() == 1 ? " (known keys: " + String.join(", ", KEYS) + ")" : "";
      return "unknown key '" + u.getPropertyName() + "'" + known;
    }
    String message = e.getOriginalMessage().lines().findFirst().orElse("malformed JSON");
    return key.isEmpty() ? message : "key '" + key + "': " + message;
  }

  private static WsResources validate(String name, Raw raw) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, String>> headers = new LinkedHashMap<>();
    if (raw.headers() != null) {
      raw.headers().forEach((glob, values) -> {
        compile(glob, "headers", problems);
        Map<String, String> v = new LinkedHashMap<>();
        if (values == null) {
          problems.add("headers '" + glob + "' must be an object of header names and values");
        } else {
          values.forEach((header, value) -> {
            if (!isToken(header) || header.length() > 256) {
              problems.add("headers '" + glob + "': '" + header + "' is not an HTTP header name");
            } else if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0
                || utf8(value) > 8192) {
              problems.add("headers '" + glob + "': header '" + header
                  + "' needs a string value of at most 8 192 bytes without line breaks");
            } else {
              v.put(header, value);
            }
          });
        }
        headers.put(glob, v);
      });
    }
    Map<String, String> routes = new LinkedHashMap<>();
    if (raw.routes() != null) {
      raw.routes().forEach((pattern, target) -> {
        if (!pattern.startsWith("/") || utf8(pattern) > 1024) {
          problems.add("route '" + pattern + "' must start with '/' and have at most 1 024 bytes");
        } else if (target == null || !target.startsWith("/")) {
          problems.add("route '" + pattern + "' must point to a resource path starting with '/', got " + target);
        } else {
          routes.put(pattern, target);
        }
      });
    }
    Map<String, Redirect> redirects = new LinkedHashMap<>();
    if (raw.redirects() != null) {
      raw.redirects().forEach((glob, r) -> {
        compile(glob, "redirects", problems);
        if (!glob.startsWith("/") || utf8(glob) > 1024) {
          problems.add("redirect '" + glob + "' must start with '/' and have at most 1 024 bytes");
        } else if (r == null || r.location() == null || r.location().isBlank() || utf8(r.location()) > 2048) {
          problems.add("redirect '" + glob + "' needs a location of at most 2 048 bytes");
        } else if (r.statusCode() == null || !REDIRECT_STATUSES.contains(r.statusCode())) {
          problems.add("redirect '" + glob + "' has status_code " + (r == null ? null : r.statusCode())
              + "; it must be one of 301, 302, 303, 307, 308");
        } else {
          redirects.put(glob, r);
        }
      });
    }
    Optional<ObjectId> objectId = Optional.empty();
    if (raw.objectId() != null) {
      try {
        objectId = Optional.of(ObjectId.parse(raw.objectId()));
      } catch (RuntimeException e) {
        problems.add("object_id '" + raw.objectId() + "' is not an object ID (0x and 64 hex digits)");
      }
    }
    if (raw.siteName() != null) {
      checkName(raw.siteName()).ifPresent(why -> problems.add("site_name " + why));
    }
    if (raw.metadata() != null) {
      Metadata m = raw.metadata();
      for (String field : java.util.Arrays.asList(m.link(), m.imageUrl(), m.description(), m.projectUrl(), m.creator())) {
        if (field != null && utf8(field) > 2048) {
          problems.add("metadata fields have at most 2 048 bytes: '" + field.substring(0, 40) + "…'");
        }
      }
    }
    List<String> ignore = raw.ignore() == null ? List.of() : List.copyOf(raw.ignore());
    ignore.forEach(glob -> compile(glob, "ignore", problems));
    if (!problems.isEmpty()) {
      throw new WsResourcesException(name + ": " + String.join("; ", problems));
    }
    return new WsResources(headers, routes, redirects, Optional.ofNullable(raw.metadata()),
        Optional.ofNullable(raw.siteName()), objectId, ignore);
  }

  /** Why a site name cannot be used (the ledger's rule: 1 to 256 bytes, not blank), if it cannot. */
  public static Optional<String> checkName(String name) {
    if (name.isBlank()) {
      return Optional.of("must not be blank");
    }
    if (utf8(name) > 256) {
      return Optional.of("has " + utf8(name) + " bytes; at most 256");
    }
    return Optional.empty();
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** An HTTP token (RFC 9110): what a header name may be. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static void compile(String glob, String section, List<String> problems) {
    try {
      GlobPattern.compile(glob);
    } catch (GlobPattern.InvalidGlobException e) {
      problems.add(section + ": " + e.getMessage());
    }
  }

  /** The routes as the ledger stores them: sorted by pattern, as site-builder inserts them. */
  public List<SiteRoute> ledgerRoutes() {
    return routes.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .map(e -> new SiteRoute(e.getKey(), e.getValue())).toList();
  }

  /** The redirects as the ledger stores them, sorted by glob. */
  public List<SiteRedirect> ledgerRedirects() {
    return redirects.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .map(e -> new SiteRedirect(e.getKey(), e.getValue().location(), e.getValue().statusCode())).toList();
  }

  /** Whether a resource path is left out of the site. */
  public boolean ignores(String resourcePath) {
    return ignore.stream().anyMatch(g -> GlobPattern.compile(g).matches(resourcePath));
  }

  /**
   * Writes {@code object_id} and {@code site_name} into the file (created if missing), keeping
   * every other key and its order as it was; written to a temporary file and moved into place, so
   * a crash never leaves half a file.
   */
  public static void writeBack(Path file, ObjectId objectId, String siteName) throws IOException {
    ObjectNode doc;
    if (Files.exists(file)) {
      JsonNode tree = MAPPER.readTree(Files.readString(file));
      doc = tree instanceof ObjectNode o ? o : MAPPER.createObjectNode();
    } else {
      doc = MAPPER.createObjectNode();
    }
    doc.put("site_name", siteName);
    doc.put("object_id", objectId.toString());
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, MAPPER.writeValueAsString(doc) + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
