package dev.walrus.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code walrus} in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(String... args) {
    return run(false, args);
  }

  static CliRun run(boolean colors, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        WalrusCli.execute(new Terminal(new PrintWriter(out), new PrintWriter(err), colors, false), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
