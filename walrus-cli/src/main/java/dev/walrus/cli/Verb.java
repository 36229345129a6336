package dev.walrus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code walrus} verb: a verb does its work in {@link #call()}, returns the exit code
 * (normally {@code 0}) and throws on failure; {@link WalrusCli} turns any exception into one {@code
 * Error:} line and an exit code. Every verb has {@code --help}.
 */
@Command(mixinStandardHelpOptions = true)
abstract class Verb implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The top-level command, with the global options. */
  protected WalrusCli cli() {
    return (WalrusCli) spec.root().userObject();
  }

  protected Terminal terminal() {
    return cli().terminal();
  }

  protected PrintWriter out() {
    return terminal().out();
  }

  /** Whether the user asked for JSON output ({@code --json}, anywhere on the command line). */
  protected boolean json() {
    return cli().json;
  }
}
