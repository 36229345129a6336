package dev.walrus.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Where a command writes and how: its standard output and error, whether the output may carry
 * colours, and whether errors show their stack traces. Tests build one over string writers.
 *
 * @param colors ANSI styles on standard output (a terminal, and {@code NO_COLOR} unset or empty)
 * @param debug stack traces for errors ({@code WALRUS_DEBUG=1})
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean colors, boolean debug) {

  /** The process's own standard output and error, configured from the environment. */
  public static Terminal system() {
    Map<String, String> env = System.getenv();
    String noColor = env.get("NO_COLOR");
    Console console = System.console();
    boolean colors = (noColor == null || noColor.isEmpty()) && console != null && console.isTerminal();
    return new Terminal(
        writer(FileDescriptor.out, "stdout.encoding"),
        writer(FileDescriptor.err, "stderr.encoding"),
        colors,
        "1".equals(env.get("WALRUS_DEBUG")));
  }

  private static PrintWriter writer(FileDescriptor fd, String encodingProperty) {
    String encoding = System.getProperty(encodingProperty);
    Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), charset), false);
  }

  /** {@code text} in bold Walrus teal (#87ffd7) when colours are on, as Walrus's CLI prints it. */
  public String teal(String text) {
    return colors ? "\u001b[1;38;2;135;255;215m" + text + "\u001b[0m" : text;
  }

  /** Walrus's success marker: {@code Success:} in bold teal. */
  public String success() {
    return teal("Success:");
  }
}
