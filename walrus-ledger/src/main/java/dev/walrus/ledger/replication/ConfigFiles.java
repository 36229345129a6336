package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reading and writing the ledger's files: genesis and replica configurations, in YAML (JSON is
 * read too, being YAML; a {@code .json} name is written as JSON). Unlike API responses, files are
 * read strictly: an unknown key is a typo to report, not something to skip.
 */
public final class ConfigFiles {
  private static final ObjectMapper YAML_STRICT = LedgerJson.configure(YAMLMapper.builder())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final ObjectMapper JSON_PRETTY = LedgerJson.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private ConfigFiles() {}

  static ObjectMapper yamlStrict() {
    return YAML_STRICT;
  }

  public static GenesisConfig readGenesis(Path file) throws IOException {
    GenesisConfig genesis;
    try {
      genesis = YAML_STRICT.readValue(Files.readAllBytes(file), GenesisConfig.class);
    } catch (NoSuchFileException e) {
      throw new IOException("no such genesis file: " + file);
    } catch (JacksonException e) {
      throw new IOException(file + " is not a valid genesis file: " + e.getOriginalMessage());
    }
    if (genesis == null) {
      throw new IOException(file + " is not a valid genesis file: it holds no YAML document");
    }
    return genesis;
  }

  /** Writes {@code value} as YAML, or as JSON when the file name ends in {@code .json}. */
  public static void write(Path file, Object value) throws IOException {
    ObjectMapper m = file.getFileName().toString().endsWith(".json") ? JSON_PRETTY : YAML_STRICT;
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.write(file, m.writeValueAsBytes(value));
  }
}
