package dev.walrus.cli;

import dev.walrus.client.ProgressListener;
import java.io.OutputStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars ({@code me.tongfei:progressbar}) on standard error, in MiB: drawn only when
 * standard error is a terminal and the output is not JSON, so scripts and pipes see nothing.
 */
final class ProgressBars {
  private static final long MIB = 1 << 20;

  private ProgressBars() {}

  /** Whether bars are drawn for this invocation. */
  static boolean shown(Terminal terminal, boolean json) {
    return terminal.progress() && !json;
  }

  /** A bar for uploads, fed by the SDK's progress reports; {@code null} when bars are not shown. */
  static Upload upload(Terminal terminal, boolean json, String task) {
    return shown(terminal, json) ? new Upload(bar(terminal, task, -1)) : null;
  }

  /**
   * {@code out}, counting what passes through it on a bar of {@code totalBytes} (unknown if
   * negative); {@code out} itself when bars are not shown. Closing the stream closes the bar.
   */
  static OutputStream download(Terminal terminal, boolean json, String task, long totalBytes, OutputStream out) {
    if (!shown(terminal, json)) {
      return out;
    }
    return ProgressBar.wrap(out, builder(terminal, task, totalBytes));
  }

  private static ProgressBar bar(Terminal terminal, String task, long max) {
    return builder(terminal, task, max).build();
  }

  private static ProgressBarBuilder builder(Terminal terminal, String task, long max) {
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(max)
        .setUnit(" MiB", MIB)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .showSpeed()
        .setConsumer(new StderrConsumer(terminal.err()));
  }

  /** An upload's bar as the SDK's listener: each round adds its bytes to the total. */
  static final class Upload implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    private Upload(ProgressBar bar) {
      this.bar = bar;
    }

    @Override
    public void roundStarted(long bytes) {
      synchronized (bar) {
        long max = bar.getMax();
        bar.maxHint(max < 0 ? bytes : max + bytes);
      }
    }

    @Override
    public void advanced(long bytes) {
      bar.stepBy(bytes);
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Redraws the bar in place on one line of standard error; ends the line when closed. */
  private static final class StderrConsumer implements ProgressBarConsumer {
    private final PrintWriter err;
    private final int width;

    StderrConsumer(PrintWriter err) {
      this.err = err;
      this.width = columns() - 1;
    }

    private static int columns() {
      try {
        int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
        return c >= 20 ? c : 80;
      } catch (NumberFormatException e) {
        return 80;
      }
    }

    @Override
    public int getMaxRenderedLength() {
      return width;
    }

    @Override
    public void accept(String rendered) {
      synchronized (err) {
        // Pad so that a shorter line covers the longer one it replaces.
        err.print('\r');
        err.print(rendered.length() >= width ? rendered : rendered + " ".repeat(width - rendered.length()));
        err.flush();
      }
    }

    @Override
    public void close() {
      synchronized (err) {
        err.println();
        err.flush();
      }
    }
  }
}
