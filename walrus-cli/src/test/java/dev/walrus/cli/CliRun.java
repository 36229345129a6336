package dev.walrus.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code walrus} in-process and captures what it prints (shared with walrus-system-tests through the test-jar). */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(String... args) {
    return run(false, args);
  }

  public static CliRun run(boolean colors, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        WalrusCli.execute(new Terminal(new PrintWriter(out), new PrintWriter(err), colors, false), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Runs with {@code stdin} as standard input. */
  public static CliRun withInput(String stdin, String... args) {
    return run(stdin, false, args);
  }

  /** Runs with {@code stdin} as standard input and, if {@code progress}, progress bars on. */
  public static CliRun run(String stdin, boolean progress, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal plain = new Terminal(new PrintWriter(out), new PrintWriter(err), false, false);
    Terminal t = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), plain.out(),
        plain.binaryOut(), plain.err(), false, progress, false);
    int code = WalrusCli.execute(t, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** What the command wrote to standard output as raw bytes (blob contents). */
  public byte[] outBytes() {
    return out.getBytes(StandardCharsets.ISO_8859_1);
  }
}
