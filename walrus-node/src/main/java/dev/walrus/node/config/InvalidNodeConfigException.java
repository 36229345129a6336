package dev.walrus.node.config;

import java.util.List;

/** A node configuration that cannot be used, with every problem found (not just the first). */
public final class InvalidNodeConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  InvalidNodeConfigException(String source, List<String> problems) {
    super("invalid node configuration" + (source == null ? "" : " " + source) + ": "
        + (problems.size() == 1 ? problems.getFirst() : "\n  - " + String.join("\n  - ", problems)));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
