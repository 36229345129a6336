package dev.walrus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Walrus's JSON invocation — {@code {"config"?, "wallet"?, "command": {"<camelCaseVerb>":
 * {<camelCaseOption>: value, …}}}} — into the command line that means the same, for any verb:
 * names are looked up in the picocli model, not listed here. {@code blobStatus} is the verb
 * {@code blob-status}; {@code epochsExtended} the option {@code --epochs-extended}; a positional
 * parameter goes by its label ({@code BLOB_ID} → {@code blobId}); an option's value is a string,
 * number or boolean (a flag: true to set it), or an array to repeat it; a key naming a subcommand
 * of the verb holds that subcommand's options ({@code {"wallet": {"balance": {}}}}). The
 * top-level keys other than {@code command} are options of the verb (Walrus's globals); {@code
 * config} and {@code wallet} are skipped for verbs without them, as they do not apply there.
 */
final class JsonArguments {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonArguments() {}

  /** The arguments, starting with {@code --json}, for the verbs under {@code root}. */
  static List<String> of(String json, CommandSpec root) {
    JsonNode invocation;
    try {
      invocation = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new CliException("the JSON command is not valid JSON: " + e.getOriginalMessage());
    }
    if (invocation == null || !invocation.isObject()) {
      throw new CliException("the JSON command must be an object with a \"command\" field");
    }
    List<String> args = new ArrayList<>(List.of("--json"));
    JsonNode command = invocation.get("command");
    Map.Entry<String, JsonNode> verb = single(command);
    CommandSpec spec = root;
    while (verb != null) {
      spec = subcommand(spec, verb.getKey());
      args.add(spec.name());
      Map.Entry<String, JsonNode> nested = addArguments(spec, verb.getValue(), args, invocation);
      verb = nested;
    }
    return args;
  }

  private static Map.Entry<String, JsonNode> single(JsonNode command) {
    if (command == null || !command.isObject() || command.size() != 1) {
      throw new CliException("\"command\" must be an object with exactly one key, the command, e.g."
          + " {\"command\":{\"read\":{\"blobId\":\"…\"}}}");
    }
    return command.properties().iterator().next();
  }

  private static CommandSpec subcommand(CommandSpec parent, String key) {
    CommandLine sub = parent.subcommands().get(kebab(key));
    if (sub == null || sub.getCommandSpec().userObject() instanceof JsonCommand) {
      throw new CliException("unknown command '" + key + "' for '" + parent.qualifiedName() + "'");
    }
    return sub.getCommandSpec();
  }

  /**
   * Adds {@code spec}'s options from {@code body} (and, at the last level, from the invocation's
   * top level) to {@code args}, positional parameters last after {@code --}; returns the nested
   * subcommand, if {@code body} names one.
   */
  private static Map.Entry<String, JsonNode> addArguments(CommandSpec spec, JsonNode body, List<String> args,
      JsonNode invocation) {
    if (body != null && !body.isNull() && !body.isObject()) {
      throw new CliException("the options of '" + spec.qualifiedName() + "' must be a JSON object");
    }
    Map.Entry<String, JsonNode> nested = null;
    Map<Integer, List<String>> positionals = new TreeMap<>();
    if (body != null) {
      for (Map.Entry<String, JsonNode> field : body.properties()) {
        CommandLine sub = spec.subcommands().get(kebab(field.getKey()));
        if (sub != null && (field.getValue().isObject() || field.getValue().isNull())) {
          if (nested != null) {
            throw new CliException("'" + spec.qualifiedName() + "' takes one subcommand, got two");
          }
          nested = field;
        } else if (!field.getKey().equals("json")) {
          add(spec, field.getKey(), field.getValue(), args, positionals, false);
        }
      }
    }
    if (nested == null) {
      for (Map.Entry<String, JsonNode> global : invocation.properties()) {
        String key = global.getKey();
        if (!key.equals("command") && !key.equals("json")) {
          add(spec, key, global.getValue(), args, positionals, key.equals("config") || key.equals("wallet"));
        }
      }
      if (!positionals.isEmpty()) {
        args.add("--");
        positionals.values().forEach(args::addAll);
      }
    } else if (!positionals.isEmpty()) {
      throw new CliException("'" + spec.qualifiedName() + "' takes no positional parameters before a subcommand");
    }
    return nested;
  }

  private static void add(CommandSpec spec, String key, JsonNode value, List<String> args,
      Map<Integer, List<String>> positionals, boolean skipIfUnknown) {
    OptionSpec option = spec.findOption("--" + kebab(key));
    if (option != null) {
      addOption(option, key, value, args);
      return;
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (camel(p.paramLabel()).equals(key)) {
        positionals.put(p.index().min(), values(p, key, value));
        return;
      }
    }
    if (!skipIfUnknown) {
      throw new CliException("unknown option '" + key + "' for '" + spec.qualifiedName() + "'");
    }
  }

  private static void addOption(OptionSpec option, String key, JsonNode value, List<String> args) {
    if (value == null || value.isNull()) {
      return;
    }
    if (option.arity().max() == 0) {
      if (!value.isBoolean()) {
        throw new CliException("'" + key + "' is a flag: give true or false");
      }
      if (value.booleanValue()) {
        args.add(option.longestName());
      }
      return;
    }
    for (String v : values(option, key, value)) {
      args.add(option.longestName() + "=" + v);
    }
  }

  /** The text of a scalar, or of each element of an array. */
  private static List<String> values(ArgSpec arg, String key, JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode element : value) {
        out.add(scalar(key, element));
      }
    } else {
      out.add(scalar(key, value));
    }
    if (out.size() > 1 && !arg.isMultiValue()) {
      throw new CliException("'" + key + "' takes one value, got " + out.size());
    }
    return out;
  }

  private static String scalar(String key, JsonNode value) {
    if (value.isString()) {
      return value.stringValue();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asString();
    }
    throw new CliException("'" + key + "' must be a string, number or boolean (or an array of them)");
  }

  /** {@code blobStatus} → {@code blob-status}; already kebab-case names stay as they are. */
  static String kebab(String camel) {
    StringBuilder b = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A positional parameter's label as a JSON key: {@code BLOB_ID} → {@code blobId}. */
  static String camel(String label) {
    String l = label.replace("<", "").replace(">", "");
    if (!l.equals(l.toUpperCase(Locale.ROOT))) {
      return l;
    }
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (char c : l.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_' || c == '-') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }
}
