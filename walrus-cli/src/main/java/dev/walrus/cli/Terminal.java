package dev.walrus.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command reads and writes and how: its standard input, output (as text, and as raw bytes
 * for blob contents) and error, whether the output may carry colours, whether standard error can
 * show progress bars, and whether errors show their stack traces. Tests build one over in-memory
 * streams.
 *
 * @param binaryOut standard output for raw bytes; text written to {@code out} before is flushed
 *     first by the callers
 * @param colors ANSI styles on standard output (a terminal, and {@code NO_COLOR} unset or empty)
 * @param progress standard error is a terminal, so progress bars may be drawn there
 * @param debug stack traces for errors ({@code WALRUS_DEBUG=1})
 */
public record Terminal(
    InputStream in, PrintWriter out, OutputStream binaryOut, PrintWriter err, boolean colors, boolean progress,
    boolean debug) {

  /**
   * No input, no progress bars, and raw bytes written to {@code out} one character per byte
   * (ISO-8859-1), so a test reading {@code out} back as ISO-8859-1 gets the bytes.
   */
  public Terminal(PrintWriter out, PrintWriter err, boolean colors, boolean debug) {
    this(InputStream.nullInputStream(), out, latin1(out), err, colors, false, debug);
  }

  /** The process's own standard streams, configured from the environment. */
  public static Terminal system() {
    Map<String, String> env = System.getenv();
    String noColor = env.get("NO_COLOR");
    Console console = System.console();
    boolean colors = (noColor == null || noColor.isEmpty()) && console != null && console.isTerminal();
    return new Terminal(
        new FileInputStream(FileDescriptor.in),
        writer(FileDescriptor.out, "stdout.encoding"),
        new FileOutputStream(FileDescriptor.out),
        writer(FileDescriptor.err, "stderr.encoding"),
        colors,
        stderrIsTerminal(console),
        "1".equals(env.get("WALRUS_DEBUG")));
  }

  /**
   * Whether file descriptor 2 is a terminal. The JDK only tells about standard input and output
   * together, but a progress bar belongs on standard error even when the output is redirected
   * ({@code walrus read ID > file}); on Linux the descriptor's link names the device. Behind the
   * launcher's filter the descriptor is a pipe: {@code WALRUS_STDERR_TERMINAL=1} then says it was one.
   */
  private static boolean stderrIsTerminal(Console console) {
    // The launcher filters standard error through a pipe and says whether it was a terminal.
    if ("1".equals(System.getenv("WALRUS_STDERR_TERMINAL"))) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return console != null && console.isTerminal();
    }
  }

  private static PrintWriter writer(FileDescriptor fd, String encodingProperty) {
    String encoding = System.getProperty(encodingProperty);
    Charset charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
    return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), charset), false);
  }

  private static OutputStream latin1(PrintWriter out) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        out.write(b & 0xff);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(new String(b, off, len, StandardCharsets.ISO_8859_1));
      }

      @Override
      public void flush() {
        out.flush();
      }
    };
  }

  /** {@code text} in bold Walrus teal (#87ffd7) when colours are on, as Walrus's CLI prints it. */
  public String teal(String text) {
    return colors ? "\u001b[1;38;2;135;255;215m" + text + "\u001b[0m" : text;
  }

  /** Walrus's success marker: {@code Success:} in bold teal. */
  public String success() {
    return teal("Success:");
  }

  /** Walrus's warning marker: {@code Warning:} in bold yellow. */
  public String warning() {
    return colors ? "\u001b[1;33mWarning:\u001b[0m" : "Warning:";
  }

  /** Walrus's error marker inside a report: {@code Error:} in bold red. */
  public String error() {
    return colors ? "\u001b[1;31mError:\u001b[0m" : "Error:";
  }
}
