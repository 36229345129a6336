package dev.walrus.cli;

import dev.walrus.ledger.api.LedgerJson;
import java.io.PrintWriter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON output of the verbs: one document, indented as Walrus's CLI indents it ({@code "key": value},
 * two spaces), followed by a newline. Ledger types (addresses, object IDs, events) are written in
 * the ledger API's JSON forms.
 */
final class Json {
  private static final JsonMapper MAPPER =
      LedgerJson.configure(JsonMapper.builder())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .defaultPrettyPrinter(
              new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectNameValueSpacing(Separators.Spacing.AFTER)))
          .build();

  private Json() {}

  static void print(PrintWriter out, Object value) {
    out.println(MAPPER.writeValueAsString(value));
  }
}
