package dev.walrus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code walrus completion [--shell bash|zsh|fish]}: a shell completion script for every verb,
 * subcommand and option, printed to standard output, e.g. {@code source <(walrus completion)}. The
 * bash script (picocli's) also runs in zsh through {@code bashcompinit}; fish gets its own.
 */
@Command(name = "completion", description = "Print a shell completion script (bash, zsh or fish), e.g."
    + " 'source <(walrus completion --shell bash)'.")
final class CompletionCommand extends Verb {
  @Option(names = "--shell", paramLabel = "SHELL",
      description = "bash, zsh or fish (default: the one named by $SHELL, else bash).")
  String shell;

  @Override
  public Integer call() {
    String name = shell != null ? shell : defaultShell();
    CommandLine root = spec.root().commandLine();
    String script = switch (name.toLowerCase(Locale.ROOT)) {
      case "bash", "zsh" -> AutoComplete.bash(root.getCommandName(), root);
      case "fish" -> fish(root.getCommandSpec());
      default -> throw new CliException("unknown shell '" + name + "': bash, zsh or fish");
    };
    out().print(script);
    out().flush();
    return 0;
  }

  private static String defaultShell() {
    String s = System.getenv("SHELL");
    String base = s == null ? "" : s.substring(s.lastIndexOf('/') + 1);
    return base.equals("zsh") || base.equals("fish") ? base : "bash";
  }

  /** One {@code complete} line per verb, subcommand and option, scoped by the words before it. */
  static String fish(CommandSpec root) {
    String cmd = root.name();
    StringBuilder out = new StringBuilder("# fish completion for " + cmd + " (walrus completion --shell fish)\n");
    out.append("complete -c ").append(cmd).append(" -e\n");
    fishLevel(out, cmd, root, List.of());
    return out.toString();
  }

  private static void fishLevel(StringBuilder out, String cmd, CommandSpec spec, List<String> path) {
    List<String> children = new ArrayList<>(spec.subcommands().keySet());
    String inPath = path.isEmpty() ? "__fish_use_subcommand"
        : "__fish_seen_subcommand_from " + path.getLast() + "; and not __fish_seen_subcommand_from "
            + String.join(" ", children.isEmpty() ? List.of("--") : children);
    for (var e : spec.subcommands().entrySet()) {
      CommandSpec child = e.getValue().getCommandSpec();
      if (child.usageMessage().hidden()) {
        continue;
      }
      out.append("complete -c ").append(cmd).append(" -f -n '").append(inPath).append("' -a ")
          .append(quote(e.getKey())).append(" -d ").append(quote(first(child.usageMessage().description())))
          .append('\n');
    }
    if (!path.isEmpty()) {
      for (OptionSpec o : spec.options()) {
        if (o.hidden()) {
          continue;
        }
        for (String n : o.names()) {
          if (!n.startsWith("--")) {
            continue;
          }
          out.append("complete -c ").append(cmd).append(" -n '__fish_seen_subcommand_from ")
              .append(path.getLast()).append("' -l ").append(n.substring(2))
              .append(o.arity().max() > 0 ? " -r" : "").append(" -d ")
              .append(quote(first(o.description()))).append('\n');
        }
      }
    }
    for (var e : spec.subcommands().entrySet()) {
      if (e.getKey().equals(e.getValue().getCommandName())) { // each command once, not once per alias
        List<String> deeper = new ArrayList<>(path);
        deeper.add(e.getKey());
        fishLevel(out, cmd, e.getValue().getCommandSpec(), deeper);
      }
    }
  }

  private static String first(String[] lines) {
    return lines.length == 0 ? "" : lines[0];
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
