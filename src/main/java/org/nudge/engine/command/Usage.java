package org.nudge.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nudge.engine.command.CommandSpec.Kind;
import org.nudge.engine.command.CommandSpec.Param;

/**
 * How commands are typed, written from their {@link CommandSpec}s: the lines of help and README's
 * table, the alternatives a refusal lists, and the hint Slack shows while a command is typed.
 * Placeholders read {@code <text>} when required and {@code [text]} when not, people {@code
 * @mentor}, channels {@code #channel}, choices {@code json|csv}, flags {@code [--share]}.
 */
public final class Usage {

  /** A hint longer than this no longer reads at a glance; it falls back to the words alone. */
  static final int MAX_HINT = 100;

  private Usage() {}

  /** One way to use a command: how to type it, what it does, and whether only leads may. */
  public record Line(String usage, String description, boolean leadOnly) {}

  /**
   * Every way to use these commands, one line for each thing a person can type, in declaration
   * order: a command with sub-commands has a line per sub-command, and one for itself only when it
   * also takes parameters of its own.
   */
  public static List<Line> lines(List<CommandSpec> commands) {
    List<Line> out = new ArrayList<>();
    for (CommandSpec command : commands) {
      collect("/" + command.name(), command, false, out);
    }
    return out;
  }

  private static void collect(String path, CommandSpec spec, boolean lead, List<Line> out) {
    boolean leads = lead || spec.leadOnly();
    if (spec.subs().isEmpty() || !spec.params().isEmpty()) {
      out.add(new Line(join(path, params(spec.params())), spec.description(), leads));
    }
    for (CommandSpec sub : spec.subs()) {
      collect(sub.implied() ? path : path + " " + sub.name(), sub, leads, out);
    }
  }

  /**
   * How to type sub-command {@code sub} of {@code spec}, itself typed as {@code path}: {@code
   * of("/goals", goals, "add")} is {@code /goals add <goal>}. For sentences that point to another
   * command, so they follow its spec.
   */
  public static String of(String path, CommandSpec spec, String sub) {
    CommandSpec found =
        spec.subs().stream()
            .filter(s -> s.name().equals(sub))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(path + " has no " + sub));
    return join(path + " " + sub, params(found.params()));
  }

  /** The parameters as a person types them, like {@code @mentor @mentee [program]}. */
  public static String params(List<Param> params) {
    List<String> words = new ArrayList<>();
    params.forEach(p -> words.add(param(p)));
    return String.join(" ", words);
  }

  static String param(Param p) {
    String label = p.hint() != null ? p.hint() : p.name();
    String shown =
        switch (p.kind()) {
          case USER -> "@" + label;
          case CHANNEL -> "#" + label;
          case FLAG -> p.word();
          case CHOICE -> p.hint() == null ? String.join("|", p.choices()) : "<" + label + ">";
          default -> "<" + label + ">";
        };
    boolean placeholder = shown.startsWith("<");
    if (p.word() != null && p.kind() != Kind.FLAG) {
      shown = p.word() + " " + shown;
      placeholder = false;
    }
    if (!p.optional()) {
      return shown;
    }
    return placeholder ? "[" + label + "]" : "[" + shown + "]";
  }

  /**
   * A refusal's list of what a command with sub-commands takes, like "`/goals` takes `add <goal>`
   * or `done <number>`, or nothing to show your pair's goals."
   */
  public static String takes(String path, CommandSpec spec) {
    List<String> ways = new ArrayList<>();
    Optional<CommandSpec> implied = Optional.empty();
    for (CommandSpec sub : spec.subs()) {
      if (sub.implied()) {
        implied = Optional.of(sub);
      } else {
        ways.add("`" + join(sub.name(), params(sub.params())) + "`");
      }
    }
    StringBuilder text = new StringBuilder("`").append(path).append("` takes ");
    int last = ways.size() - 1;
    text.append(String.join(", ", ways.subList(0, last)));
    text.append(last > 0 ? " or " : "").append(ways.get(last));
    implied.ifPresent(
        sub -> text.append(", or nothing to ").append(lowerFirst(withoutStop(sub.description()))));
    return text.append('.').toString();
  }

  /**
   * What follows the command's name while it is typed (Slack's usage hint): its parameters, or the
   * sub-commands members may use, each with its parameters unless that makes the hint too long.
   */
  public static String hint(CommandSpec command) {
    if (command.subs().isEmpty()) {
      return params(command.params());
    }
    List<String> full = new ArrayList<>();
    List<String> words = new ArrayList<>();
    boolean bare = !command.params().isEmpty();
    for (CommandSpec sub : command.subs()) {
      if (sub.leadOnly()) {
        continue;
      }
      bare |= sub.implied();
      if (!sub.implied()) {
        words.add(sub.name());
        full.add(join(sub.name(), params(sub.params())));
      }
    }
    String hint = String.join(" | ", full);
    if (hint.length() > MAX_HINT) {
      hint = String.join(" | ", words);
    }
    return bare ? "[" + hint + "]" : hint;
  }

  /** The description without its full stop, for a list or a mark after it. */
  public static String withoutStop(String description) {
    return description.endsWith(".")
        ? description.substring(0, description.length() - 1)
        : description;
  }

  private static String lowerFirst(String text) {
    return text.isEmpty()
        ? text
        : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  private static String join(String head, String tail) {
    return tail.isEmpty() ? head : head + " " + tail;
  }
}
