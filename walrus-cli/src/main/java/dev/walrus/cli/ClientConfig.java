package dev.walrus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The client configuration file ({@code client_config.yaml}): the ledger replicas to use and the
 * wallet. Looked for where Walrus looks for its own: {@code ./client_config.yaml} (or {@code
 * .yml}), {@code $XDG_CONFIG_HOME/walrus/}, {@code ~/.config/walrus/}, {@code ~/.walrus/}, and last
 * the one {@code walrus local} writes in its default directory ({@code ~/.walrus/local/}), so that
 * after {@code ./walrus local} the other verbs use the local network with no set-up. Keys this
 * file does not know are ignored, so one file can serve other parts of Walrus too.
 *
 * <pre>
 * ledgerUrls: [https://10.0.0.1:9101, https://10.0.0.2:9101]
 * ledgerKeys: [A8x…, Aq4…]      # the replicas' keys (raftKey), pinned for https:// replicas
 * wallet: ~/.walrus/wallet.key
 * </pre>
 *
 * <p>Without {@code ledgerKeys}, an {@code https://} replica must present a certificate the JDK's
 * certificate authorities vouch for, naming the host dialled.
 */
record ClientConfig(List<String> ledgerUrls, List<String> ledgerKeys, String wallet) {
  ClientConfig(List<String> ledgerUrls, String wallet) {
    this(ledgerUrls, null, wallet);
  }

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  static ClientConfig load(Path file) throws IOException {
    try {
      ClientConfig c = YAML.readValue(Files.readAllBytes(file), ClientConfig.class);
      return c != null ? c : new ClientConfig(null, null);
    } catch (NoSuchFileException e) {
      throw new CliException("no such client configuration: " + file);
    } catch (JacksonException e) {
      throw new CliException(file + " is not a valid client configuration: " + e.getOriginalMessage());
    }
  }

  /** The first configuration file found in the usual places, if any. */
  static Path find() {
    Map<String, String> env = System.getenv();
    String home = System.getProperty("user.home");
    List<Path> candidates = new ArrayList<>(List.of(Path.of("client_config.yaml"), Path.of("client_config.yml")));
    if (env.get("XDG_CONFIG_HOME") != null) {
      candidates.add(Path.of(env.get("XDG_CONFIG_HOME"), "walrus", "client_config.yaml"));
    }
    candidates.add(Path.of(home, ".config", "walrus", "client_config.yaml"));
    candidates.add(Path.of(home, ".walrus", "client_config.yaml"));
    candidates.add(Path.of(home, ".walrus", "local", "client_config.yaml"));
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
  }

  /** {@code ~/x} → the home directory's {@code x}; other paths relative to {@code base}. */
  static Path expand(String path, Path base) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    Path p = Path.of(path);
    return p.isAbsolute() || base == null ? p : base.resolve(p);
  }
}
