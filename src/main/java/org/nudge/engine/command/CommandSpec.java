package org.nudge.engine.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a command is, declared once by its class in words every platform understands: its name, one
 * sentence saying what it does, whether it is for program leads, its parameters and its
 * sub-commands. Help, the usage in refusals, Discord's command table, the Slack manifest and
 * README's command table are all generated from it, so they cannot drift apart.
 *
 * <p>The text the engine parses is always what a person would type: the sub-command words, then
 * each parameter in the order declared here. A sub-command may be {@link #implied()}: typing the
 * command alone means it ({@code /goals} lists the goals), and platforms that can't invoke a bare
 * command with sub-commands (Discord) show it by name without writing its word.
 *
 * <p>Build one with {@link #of} and the {@code with...} methods, e.g. {@code CommandSpec.of("win",
 * "Log a win.").with(Param.text("text", "What went well").required())}.
 */
public record CommandSpec(
    String name,
    String description,
    boolean leadOnly,
    boolean implied,
    List<Param> params,
    List<CommandSpec> subs) {

  /**
   * Pickers show 100 characters of a description; 90 leave room for a platform's own mark, such as
   * Discord's "(leads)".
   */
  public static final int MAX_DESCRIPTION = 90;

  /** Discord's rule for command and option names, which suits typing anywhere else too. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  public CommandSpec {
    check(name, description, MAX_DESCRIPTION);
    params = List.copyOf(params);
    subs = List.copyOf(subs);
    Set<String> names = new HashSet<>();
    boolean optional = false;
    for (Param p : params) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("/" + name + " has two parameters called " + p.name());
      }
      if (!p.optional() && optional) {
        // Discord asks for it, and a person reads a usage line the same way.
        throw new IllegalArgumentException(
            "/" + name + ": required parameter " + p.name() + " comes after an optional one");
      }
      optional |= p.optional();
    }
    names.clear();
    for (CommandSpec sub : subs) {
      if (!names.add(sub.name())) {
        throw new IllegalArgumentException(
            "/" + name + " has two sub-commands called " + sub.name());
      }
    }
    if (subs.stream().filter(CommandSpec::implied).count() > 1) {
      throw new IllegalArgumentException("/" + name + " can imply one sub-command at most");
    }
  }

  /** A command (or sub-command) with no parameters yet, for members. */
  public static CommandSpec of(String name, String description) {
    return new CommandSpec(name, description, false, false, List.of(), List.of());
  }

  /** The same, for program leads only (its sub-commands too). */
  public CommandSpec forLeads() {
    return new CommandSpec(name, description, true, implied, params, subs);
  }

  /** The same, as the sub-command that typing its parent alone means. */
  public CommandSpec asImplied() {
    return new CommandSpec(name, description, leadOnly, true, params, subs);
  }

  /** The same with these parameters added, in the order they are typed. */
  public CommandSpec with(Param... more) {
    List<Param> all = new ArrayList<>(params);
    all.addAll(List.of(more));
    return new CommandSpec(name, description, leadOnly, implied, all, subs);
  }

  /** The same with these sub-commands added, in the order help lists them. */
  public CommandSpec withSubs(List<CommandSpec> more) {
    List<CommandSpec> all = new ArrayList<>(subs);
    all.addAll(more);
    return new CommandSpec(name, description, leadOnly, implied, params, all);
  }

  public CommandSpec withSubs(CommandSpec... more) {
    return withSubs(List.of(more));
  }

  /** How a parameter's value is typed, and so how each platform asks for it. */
  public enum Kind {
    /** Free text; the last text parameter takes the rest of the line. */
    TEXT,
    /** A whole number. */
    NUMBER,
    /** A person, typed as a mention ({@code <@id>} in the engine's text). */
    USER,
    /** A channel, typed as a channel reference ({@code <#id>} in the engine's text). */
    CHANNEL,
    /** A yes/no that, when yes, adds its {@link Param#word()}, like {@code --share}. */
    FLAG,
    /** One of {@link Param#choices()}. */
    CHOICE,
    /** A file the person attaches; the engine gets a link to it. */
    FILE
  }

  /**
   * One parameter, optional unless declared {@link #required()}. {@code word}, when set, is typed
   * before the value ({@code every weekly}), or, for a flag, instead of it. {@code hint} is what a
   * usage line shows for the value (by default its name, or for a choice the choices).
   */
  public record Param(
      Kind kind,
      String name,
      String description,
      boolean optional,
      String word,
      List<String> choices,
      String hint) {

    /** Discord shows at most 100 characters describing an option. */
    public static final int MAX_DESCRIPTION = 100;

    public Param {
      check(name, description, MAX_DESCRIPTION);
      choices = List.copyOf(choices);
      if (kind == Kind.FLAG && (word == null || !optional)) {
        throw new IllegalArgumentException("The flag " + name + " needs its word and is optional");
      }
      if ((kind == Kind.CHOICE) != !choices.isEmpty()) {
        throw new IllegalArgumentException(name + ": choices belong to, and only to, a choice");
      }
    }

    public static Param text(String name, String description) {
      return new Param(Kind.TEXT, name, description, true, null, List.of(), null);
    }

    public static Param number(String name, String description) {
      return new Param(Kind.NUMBER, name, description, true, null, List.of(), null);
    }

    public static Param user(String name, String description) {
      return new Param(Kind.USER, name, description, true, null, List.of(), null);
    }

    public static Param channel(String name, String description) {
      return new Param(Kind.CHANNEL, name, description, true, null, List.of(), null);
    }

    public static Param flag(String name, String description, String word) {
      return new Param(Kind.FLAG, name, description, true, word, List.of(), null);
    }

    public static Param choice(String name, String description, String... choices) {
      return new Param(Kind.CHOICE, name, description, true, null, List.of(choices), null);
    }

    public static Param file(String name, String description) {
      return new Param(Kind.FILE, name, description, true, null, List.of(), null);
    }

    /** The same, but it must be given. */
    public Param required() {
      return new Param(kind, name, description, false, word, choices, hint);
    }

    /** The same, typed after {@code word}, like {@code every} in {@code /checkin every weekly}. */
    public Param after(String word) {
      return new Param(kind, name, description, optional, word, choices, hint);
    }

    /** The same, shown as {@code hint} in usage lines, like {@code <what went well>}. */
    public Param shown(String hint) {
      return new Param(kind, name, description, optional, word, choices, hint);
    }
  }

  private static void check(String name, String description, int max) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "A command or parameter name is 1 to 32 lower-case letters, digits or dashes: " + name);
    }
    if (description == null || description.isBlank() || description.length() > max) {
      throw new IllegalArgumentException(
          name + " needs a description of at most " + max + " characters");
    }
  }
}
