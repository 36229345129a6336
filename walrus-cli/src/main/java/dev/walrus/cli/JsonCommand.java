package dev.walrus.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code walrus json '<JSON>'} (standard input if omitted): runs any verb described in Walrus's
 * JSON form (see {@link JsonArguments}) with JSON output; errors go to standard error as usual,
 * with a non-zero exit code.
 */
@Command(name = "json",
    description = "Run a command given as JSON, e.g. '{\"command\":{\"read\":{\"blobId\":\"…\"}}}'"
        + " (read from standard input if omitted); the output is JSON.")
final class JsonCommand extends Verb {
  @Parameters(arity = "0..1", paramLabel = "JSON", description = "The command as JSON.")
  String command;

  @Override
  public Integer call() throws Exception {
    String text = command != null ? command : new String(terminal().in().readAllBytes(), StandardCharsets.UTF_8);
    List<String> args = JsonArguments.of(text, spec.root());
    return WalrusCli.execute(terminal(), args.toArray(String[]::new));
  }
}
