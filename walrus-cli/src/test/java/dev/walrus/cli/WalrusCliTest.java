package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WalrusCliTest {
  @Test
  void versionAndHelp() {
    CliRun version = CliRun.run("--version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("walrus ").contains("walrus-java");

    CliRun help = CliRun.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: walrus").contains("blob-id");

    CliRun verbHelp = CliRun.run("blob-id", "--help");
    assertThat(verbHelp.exitCode()).isZero();
    assertThat(verbHelp.out()).contains("Usage: walrus blob-id").contains("--n-shards").contains("--json");
  }

  @Test
  void errorMessagesAreOneReadableLine() {
    assertThat(WalrusCli.message(new UncheckedIOException(new NoSuchFileException("f.bin"))))
        .isEqualTo("no such file: f.bin");
    assertThat(WalrusCli.message(new AccessDeniedException("f.bin"))).isEqualTo("permission denied: f.bin");
    assertThat(WalrusCli.message(new IOException("disk on fire"))).isEqualTo("disk on fire");
    assertThat(WalrusCli.message(new CliException("bad input"))).isEqualTo("bad input");
    assertThat(WalrusCli.message(new IllegalStateException("oops")))
        .isEqualTo("unexpected java.lang.IllegalStateException: oops (run with WALRUS_DEBUG=1 for details)");
  }

  @Test
  void debugAddsTheStackTrace() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        WalrusCli.execute(
            new Terminal(new PrintWriter(out), new PrintWriter(err), false, true),
            "blob-id",
            "/nonexistent/walrus-test-file");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("Error: no such file: /nonexistent/walrus-test-file\n")
        .contains("java.nio.file.NoSuchFileException")
        .contains("\tat ");
  }
}
