package dev.walrus.cli;

import dev.walrus.core.WalrusException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code walrus} command. Each verb is its own class, listed in {@code subcommands}; every
 * failure goes through {@link #report}: one {@code Error: <message>} line on standard error and a
 * non-zero exit code ({@value #EXIT_FAILURE} for failures, {@value #EXIT_USAGE} for bad usage),
 * with the stack trace only when {@code WALRUS_DEBUG=1}.
 */
@Command(
    name = "walrus",
    mixinStandardHelpOptions = true,
    versionProvider = WalrusCli.Version.class,
    description = "walrus-java: an independent implementation of the Walrus decentralized storage network.",
    subcommands = {
      StoreCommand.class,
      ReadCommand.class,
      BlobStatusCommand.class,
      ListBlobsCommand.class,
      DeleteCommand.class,
      ExtendCommand.class,
      BlobIdCommand.class,
      ConvertBlobIdCommand.class,
      InfoCommand.class,
      WalletCommand.class,
      TransferCommands.GetWal.class,
      TransferCommands.Transfer.class,
      TransferCommands.Stake.class,
      TransferCommands.Unstake.class,
      TransferCommands.Withdraw.class,
      NodeCommand.class,
      NodeAdminCommand.class,
      ChallengesCommand.class,
      LedgerCommand.class,
      JsonCommand.class,
      QuiltCommands.StoreQuilt.class,
      QuiltCommands.ReadQuilt.class,
      QuiltCommands.ListPatches.class,
      SiteCommands.class,
      DaemonCommands.Publisher.class,
      DaemonCommands.Aggregator.class,
      DaemonCommands.Daemon.class,
      LocalCommand.class,
      PortalCommand.class,
      ExplorerCommand.class,
      TestbedCommand.class,
      WalletCommand.Generate.class,
      AttributeCommands.Get.class,
      AttributeCommands.Set.class,
      AttributeCommands.RemoveFields.class,
      AttributeCommands.Remove.class,
      BlobObjectCommands.Share.class,
      BlobObjectCommands.Fund.class,
      BlobObjectCommands.Burn.class,
      BlobObjectCommands.ListStakedWal.class,
      HealthCommand.class,
      CompletionCommand.class,
      AotTrainingCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WalrusCli implements Runnable {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the result as JSON.")
  boolean json;

  private final Terminal terminal;

  WalrusCli(Terminal terminal) {
    this.terminal = terminal;
  }

  Terminal terminal() {
    return terminal;
  }

  public static void main(String[] args) {
    System.exit(execute(Terminal.system(), args));
  }

  /** Runs {@code walrus args...} writing to {@code terminal}; returns the exit code. */
  public static int execute(Terminal terminal, String... args) {
    CommandLine cmd = new CommandLine(new WalrusCli(terminal));
    cmd.setOut(terminal.out());
    cmd.setErr(terminal.err());
    cmd.setExecutionExceptionHandler((e, line, parsed) -> report(terminal, e, EXIT_FAILURE));
    cmd.setParameterExceptionHandler(
        (e, unusedArgs) ->
            report(
                terminal,
                new CliException(
                    e.getMessage().replaceFirst("^Error: ", "") + " (see '"
                        + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')",
                    e),
                EXIT_USAGE));
    // Arguments are taken literally, as Walrus's CLI takes them: a file named '@x' is a file, and
    // 'testbed exec HOST -- curl --data-binary @body' passes '@body' to curl (picocli would read
    // '@x' as a file of further arguments).
    cmd.setExpandAtFiles(false);
    // Blob IDs are base64url and may start with '-': a read's ID is never an option.
    cmd.getSubcommands().get("read").setUnmatchedOptionsArePositionalParams(true);
    int code;
    try {
      code = cmd.execute(args);
    } catch (OutOfMemoryError e) {
      code = report(terminal, new CliException(outOfMemory()), EXIT_FAILURE);
    } finally {
      terminal.out().flush();
      terminal.err().flush();
    }
    return code;
  }

  /** Without a verb: the usage, and a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }

  private static int report(Terminal terminal, Exception e, int code) {
    terminal.out().flush();
    terminal.err().println("Error: " + message(e));
    if (terminal.debug()) {
      e.printStackTrace(terminal.err());
    }
    terminal.err().flush();
    return code;
  }

  /** What to do when the heap ran out: how large it was and how to give it more. */
  static String outOfMemory() {
    return "out of memory (the Java heap is " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): give it more, "
        + "e.g. WALRUS_JAVA_OPTS=-Xmx4g";
  }

  /** One line saying what went wrong, for the kinds of failure a user can meet. */
  static String message(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() != null) {
      return message(u.getCause());
    }
    if (e instanceof NoSuchFileException f) {
      return "no such file: " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
    }
    String text = e.getMessage();
    if (e instanceof WalrusException || e instanceof IOException) {
      return text != null ? text : e.getClass().getSimpleName();
    }
    // Not a failure the verbs expect: name it so that a report can be filed.
    return "unexpected " + e.getClass().getName() + (text != null ? ": " + text : "")
        + " (run with WALRUS_DEBUG=1 for details)";
  }

  /** {@code walrus --version}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = WalrusCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "walrus " + (version != null ? version : "(development build)")
            + " (walrus-java, Java " + Runtime.version() + ")"
      };
    }
  }
}
