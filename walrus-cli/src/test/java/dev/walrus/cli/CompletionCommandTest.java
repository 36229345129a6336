package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shell completion scripts, and Walrus's names for verbs whose walrus-java names differ. */
class CompletionCommandTest {
  @TempDir Path dir;

  @Test
  void bashCompletesVerbsSubcommandsAndOptionsAndIsValidBash() throws Exception {
    CliRun bash = CliRun.run("completion", "--shell", "bash");
    assertThat(bash.exitCode()).as(bash.err()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("store").contains("site")
        .contains("request-withdraw-stake").contains("--epochs");
    Path script = dir.resolve("walrus.bash");
    Files.writeString(script, bash.out());
    Process check = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    String problems = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(problems).isZero();
    assertThat(CliRun.run("completion", "--shell", "zsh").out()).isEqualTo(bash.out());
  }

  @Test
  void fishGetsOneCompleteLinePerVerbAndOption() {
    CliRun fish = CliRun.run("completion", "--shell", "fish");
    assertThat(fish.exitCode()).as(fish.err()).isZero();
    assertThat(fish.out()).contains("complete -c walrus -f -n '__fish_use_subcommand' -a 'store'")
        .contains("-a 'request-withdraw-stake'").contains("-a 'deploy'").contains("-l epochs -r");
    assertThat(fish.out().lines().filter(l -> !l.startsWith("#")))
        .allSatisfy(l -> assertThat(l).startsWith("complete -c walrus "));
  }

  @Test
  void anUnknownShellIsOneLine() {
    CliRun r = CliRun.run("completion", "--shell", "tcsh");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("unknown shell 'tcsh': bash, zsh or fish").doesNotContain("\tat ");
  }

  @Test
  void walrusNamesAreAliases() throws Exception {
    assertThat(CliRun.run("request-withdraw-stake", "--help").out()).contains("--staked-wal");
    assertThat(CliRun.run("withdraw-stake", "--help").out()).contains("--staked-wal");
    Path wallet = dir.resolve("w.key");
    CliRun generate = CliRun.run("generate-wallet", "--wallet", wallet.toString(), "--json");
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    assertThat(generate.out()).contains("\"address\"");
    assertThat(wallet).exists();
    Path other = dir.resolve("sui.key");
    CliRun sui = CliRun.run("generate-sui-wallet", "--wallet", other.toString());
    assertThat(sui.exitCode()).as(sui.err()).isZero();
    assertThat(other).exists();
  }
}
