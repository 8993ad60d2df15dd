package org.nudge.adapter.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

/**
 * Every Discord slash command Nudge registers, as one table, and the one generic rule that turns an
 * invocation back into the text the engine parses: the sub-command group and sub-command words,
 * then each option in the order declared here ({@code <@id>} for a person, {@code <#id>} for a
 * channel, a flag's word when it is set). So {@code /nudge pair mentor:@Maria mentee:@Alice
 * program:Spring} reaches the engine as {@code nudge} with text {@code pair <@1> <@2> Spring}.
 * Discord wants required options before optional ones, which every engine usage already does.
 */
final class SlashCommands {

  /** How an option is written into the engine's text. */
  enum Kind {
    TEXT,
    NUMBER,
    USER,
    CHANNEL,
    /** A boolean that adds {@link Option#word()} when true, like {@code --share}. */
    FLAG
  }

  /** One option; {@code word}, if set, is written before the value (or, for a flag, instead). */
  record Option(
      Kind kind,
      String name,
      String description,
      boolean required,
      String word,
      List<String> choices) {}

  /** A sub-command; {@code word} is what it adds to the text (for {@code /goals list}, nothing). */
  record Sub(String name, String word, String description, List<Option> options) {}

  record Group(String name, String description, List<Sub> subs) {}

  record Command(
      String name, String description, List<Option> options, List<Sub> subs, List<Group> groups) {}

  /** The table. Option names and descriptions are what people see in Discord's command picker. */
  static final List<Command> ALL =
      List.of(
          command(
              "win",
              "Log a win; your partner is told.",
              text("text", "What went well (#tags welcome)", true),
              flag("share", "Also post it to your program's channel", "--share")),
          command(
              "reflect",
              "Answer this week's reflection now.",
              flag("edit", "Edit your latest answer instead", "edit")),
          command(
              "checkin",
              "Record that you and your partner met; with no note, see the last check-in.",
              text("note", "What you talked about", false),
              new Option(
                  Kind.TEXT,
                  "every",
                  "Change how often you plan to meet",
                  false,
                  "every",
                  List.of("weekly", "biweekly", "monthly"))),
          command(
              "advice",
              "Log advice you received; I'll ask later how it went.",
              text("text", "The advice you received", true)),
          command("feedback", "Give feedback on the mentoring itself."),
          withSubs(
              command("goals", "Your pair's development plan."),
              sub("list", "", "Show your pair's goals."),
              sub("add", "add", "Add a goal.", text("goal", "The goal, in a sentence", true)),
              sub(
                  "done",
                  "done",
                  "Mark a goal done.",
                  new Option(Kind.NUMBER, "number", "The goal's number", true, null, List.of()))),
          withGroups(
              withSubs(
                  command("nudge", "Preferences, pauses, your data, and program administration."),
                  sub("help", "help", "Show what you can do."),
                  sub(
                      "prefs",
                      "prefs",
                      "See or change when I may write to you.",
                      choice(
                          "setting",
                          "What to change",
                          false,
                          "timezone",
                          "day",
                          "time",
                          "quiet",
                          "weekends",
                          "name"),
                      text(
                          "value", "The new value, like Europe/Berlin, friday, 15 or 20-8", false)),
                  sub(
                      "pause",
                      "pause",
                      "Pause all messages for a while.",
                      text("length", "3d, 2w, 1m or an end date like 2026-08-31", true)),
                  sub("resume", "resume", "End a pause now."),
                  sub(
                      "export",
                      "export",
                      "Get everything you logged.",
                      choice("format", "File format", false, "json", "csv")),
                  sub(
                      "forget-me",
                      "forget-me",
                      "Erase what you wrote and who you are.",
                      flag("confirm", "Yes, erase it: this can't be undone", "confirm")),
                  sub(
                      "pair",
                      "pair",
                      "Pair a mentor with a mentee (leads).",
                      user("mentor", "The mentor", true),
                      user("mentee", "The mentee", true),
                      text("program", "The program, if there are several", false)),
                  sub(
                      "unpair",
                      "unpair",
                      "End a pair; what they logged is kept (leads).",
                      user("mentor", "The mentor", true),
                      user("mentee", "The mentee", true)),
                  sub(
                      "phase",
                      "phase",
                      "Move a pair to another phase (leads).",
                      user("mentor", "The mentor", true),
                      user("mentee", "The mentee", true),
                      choice(
                          "phase",
                          "The new phase",
                          true,
                          "kickoff",
                          "active",
                          "waiting",
                          "wrap-up")),
                  sub(
                      "lead",
                      "lead",
                      "Make someone a program lead too (leads).",
                      user("user", "The new lead", true)),
                  sub(
                      "digest",
                      "digest",
                      "The week's digest: preview it just for you, or post it now (leads).",
                      choice(
                          "mode",
                          "Preview it for you, or post it to the channel now",
                          false,
                          "preview",
                          "now"),
                      text("program", "The program, if there are several", false)),
                  sub(
                      "health",
                      "health",
                      "How a member's pairs are doing: a score and its reasons (leads).",
                      user("member", "The member", true)),
                  sub(
                      "export-program",
                      "export program",
                      "A program's figures and pairs as CSV and JSON files (leads).",
                      text("program", "The program's name", true))),
              new Group(
                  "program",
                  "Programs and their channels (leads).",
                  List.of(
                      sub(
                          "create",
                          "create",
                          "Create a program.",
                          text("name", "The program's name", true),
                          channel("channel", "Where digests and shared wins go", false)),
                      sub(
                          "channel",
                          "channel",
                          "Set a program's channel.",
                          text("name", "The program's name", true),
                          channel("channel", "Where digests and shared wins go", true)),
                      sub(
                          "leads-channel",
                          "leads-channel",
                          "Set where pairs at risk and health go: a channel only leads are in.",
                          text("name", "The program's name", true),
                          channel("channel", "A channel only leads are in", false),
                          flag("none", "Send them to each lead's DM instead", "none")),
                      sub(
                          "digest",
                          "digest",
                          "Set when a program's weekly digest goes out.",
                          text("name", "The program's name", true),
                          choice(
                              "day",
                              "The day",
                              true,
                              "monday",
                              "tuesday",
                              "wednesday",
                              "thursday",
                              "friday",
                              "saturday",
                              "sunday"),
                          new Option(
                              Kind.NUMBER, "hour", "The hour, 0 to 23", true, null, List.of()),
                          text("timezone", "The program's timezone, like Europe/Berlin", false)),
                      sub("list", "list", "List programs and their pairs.")))));

  private SlashCommands() {}

  /** The engine's view of one invocation: the command name and the text after it. */
  record Invocation(String name, String text) {}

  /** The text the engine would have got had the person typed the command out. */
  static Invocation toText(
      String name,
      String group,
      String subcommand,
      java.util.function.Function<String, OptionMapping> options) {
    Optional<Command> command = ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    List<String> words = new ArrayList<>();
    List<Option> declared = List.of();
    if (command.isPresent()) {
      Command c = command.get();
      declared = c.options();
      List<Sub> subs = c.subs();
      if (group != null) {
        words.add(group);
        subs =
            c.groups().stream()
                .filter(g -> g.name().equals(group))
                .findFirst()
                .map(Group::subs)
                .orElse(List.of());
      }
      if (subcommand != null) {
        Optional<Sub> sub = subs.stream().filter(s -> s.name().equals(subcommand)).findFirst();
        words.add(sub.map(Sub::word).orElse(subcommand));
        declared = sub.map(Sub::options).orElse(List.of());
      }
    }
    for (Option option : declared) {
      OptionMapping value = options.apply(option.name());
      if (value == null) {
        continue;
      }
      switch (option.kind()) {
        case USER -> words.add("<@" + value.getAsString() + ">");
        case CHANNEL -> words.add("<#" + value.getAsString() + ">");
        case FLAG -> {
          if (value.getAsBoolean()) {
            words.add(option.word());
          }
        }
        default -> {
          // An option with a word is written as "word value", like "every weekly".
          if (option.word() != null) {
            words.add(option.word());
          }
          words.add(DiscordText.inbound(value.getAsString()).strip());
        }
      }
    }
    return new Invocation(
        name, String.join(" ", words.stream().filter(w -> !w.isEmpty()).toList()));
  }

  /**
   * The table as JDA command data; {@code global} commands are also offered in DMs with Nudge
   * (guild commands can't be).
   */
  static List<SlashCommandData> data(boolean global) {
    List<SlashCommandData> out = new ArrayList<>();
    for (Command c : ALL) {
      SlashCommandData data = Commands.slash(c.name(), c.description());
      data.addOptions(c.options().stream().map(SlashCommands::optionData).toList());
      data.addSubcommands(c.subs().stream().map(SlashCommands::subData).toList());
      for (Group g : c.groups()) {
        data.addSubcommandGroups(
            new SubcommandGroupData(g.name(), g.description())
                .addSubcommands(g.subs().stream().map(SlashCommands::subData).toList()));
      }
      data.setIntegrationTypes(IntegrationType.GUILD_INSTALL);
      data.setContexts(
          global
              ? List.of(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
              : List.of(InteractionContextType.GUILD));
      out.add(data);
    }
    return out;
  }

  private static SubcommandData subData(Sub sub) {
    return new SubcommandData(sub.name(), sub.description())
        .addOptions(sub.options().stream().map(SlashCommands::optionData).toList());
  }

  private static OptionData optionData(Option o) {
    OptionType type =
        switch (o.kind()) {
          case TEXT -> OptionType.STRING;
          case NUMBER -> OptionType.INTEGER;
          case USER -> OptionType.USER;
          case CHANNEL -> OptionType.CHANNEL;
          case FLAG -> OptionType.BOOLEAN;
        };
    OptionData data = new OptionData(type, o.name(), o.description(), o.required());
    if (o.kind() == Kind.CHANNEL) {
      data.setChannelTypes(ChannelType.TEXT, ChannelType.NEWS);
    }
    if (o.kind() == Kind.TEXT && o.choices().isEmpty()) {
      data.setMaxLength(OptionData.MAX_STRING_OPTION_LENGTH);
    }
    for (String choice : o.choices()) {
      data.addChoice(choice, choice);
    }
    return data;
  }

  private static Command command(String name, String description, Option... options) {
    return new Command(name, description, List.of(options), List.of(), List.of());
  }

  private static Command withSubs(Command c, Sub... subs) {
    return new Command(c.name(), c.description(), c.options(), List.of(subs), c.groups());
  }

  private static Command withGroups(Command c, Group... groups) {
    return new Command(c.name(), c.description(), c.options(), c.subs(), List.of(groups));
  }

  private static Sub sub(String name, String word, String description, Option... options) {
    return new Sub(name, word, description, List.of(options));
  }

  private static Option text(String name, String description, boolean required) {
    return new Option(Kind.TEXT, name, description, required, null, List.of());
  }

  private static Option user(String name, String description, boolean required) {
    return new Option(Kind.USER, name, description, required, null, List.of());
  }

  private static Option channel(String name, String description, boolean required) {
    return new Option(Kind.CHANNEL, name, description, required, null, List.of());
  }

  private static Option flag(String name, String description, String word) {
    return new Option(Kind.FLAG, name, description, false, word, List.of());
  }

  private static Option choice(
      String name, String description, boolean required, String... choices) {
    return new Option(Kind.TEXT, name, description, required, null, List.of(choices));
  }
}
