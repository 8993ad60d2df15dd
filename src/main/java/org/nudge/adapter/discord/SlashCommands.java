package org.nudge.adapter.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Kind;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.Usage;

/**
 * Nudge's commands as Discord slash commands, translated from the engine's {@link CommandSpec}s,
 * and the one generic rule that turns an invocation back into the text the engine parses: the
 * sub-command words, then each option in the order the spec declares it ({@code <@id>} for a
 * person, {@code <#id>} for a channel, a flag's word when it is set, a file's link). So {@code
 * /nudge pair mentor:@Maria mentee:@Alice program:Spring} reaches the engine as {@code nudge} with
 * text {@code pair <@1> <@2> Spring}.
 *
 * <p>Discord nests at most command, group, sub-command, and can't run a command that has
 * sub-commands bare. So an implied sub-command ({@code /goals list}) is shown by its name and
 * writes no word; a sub-command with sub-commands of its own becomes a group ({@code /nudge program
 * create}), unless it also takes parameters itself, in which case each of its sub-commands is
 * offered beside it under both names ({@code /nudge export-program}, which writes {@code export
 * program}).
 */
final class SlashCommands {

  /** Appended to the description of what only leads may use: Discord shows it to everyone. */
  static final String LEADS = " (leads).";

  /** One Discord sub-command: its name in the picker, the words it writes, and its options. */
  record Sub(String name, String words, String description, List<Param> options) {}

  record Group(String name, String description, List<Sub> subs) {}

  record Command(
      String name, String description, List<Param> options, List<Sub> subs, List<Group> groups) {}

  /** The engine's view of one invocation: the command name and the text after it. */
  record Invocation(String name, String text) {}

  private final List<Command> commands;

  SlashCommands(List<CommandSpec> specs) {
    this.commands = specs.stream().map(SlashCommands::command).toList();
  }

  /** The table, in the registry's order. */
  List<Command> commands() {
    return commands;
  }

  Optional<Command> command(String name) {
    return commands.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static Command command(CommandSpec spec) {
    if (spec.subs().isEmpty()) {
      return new Command(spec.name(), describe(spec), spec.params(), List.of(), List.of());
    }
    if (!spec.params().isEmpty()) {
      throw new IllegalArgumentException(
          "Discord can't offer /"
              + spec.name()
              + " both bare and with sub-commands; declare its bare use as an implied sub-command.");
    }
    List<Sub> subs = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    for (CommandSpec sub : spec.subs()) {
      if (sub.subs().isEmpty()) {
        subs.add(sub(sub.name(), sub.implied() ? "" : sub.name(), sub));
      } else if (sub.params().isEmpty()) {
        groups.add(
            new Group(
                sub.name(),
                describe(sub),
                sub.subs().stream()
                    .map(s -> sub(s.name(), s.implied() ? "" : s.name(), s))
                    .toList()));
      } else {
        subs.add(new Sub(sub.name(), sub.name(), describe(sub), sub.params()));
        for (CommandSpec child : sub.subs()) {
          subs.add(sub(sub.name() + "-" + child.name(), sub.name() + " " + child.name(), child));
        }
      }
    }
    return new Command(spec.name(), describe(spec), List.of(), subs, groups);
  }

  private static Sub sub(String name, String words, CommandSpec spec) {
    if (!spec.subs().isEmpty()) {
      throw new IllegalArgumentException(
          "Discord nests sub-commands two deep at most, which " + spec.name() + " exceeds.");
    }
    return new Sub(name, words, describe(spec), spec.params());
  }

  private static String describe(CommandSpec spec) {
    return spec.leadOnly() ? Usage.withoutStop(spec.description()) + LEADS : spec.description();
  }

  /** The text the engine would have got had the person typed the command out. */
  Invocation toText(
      String name, String group, String subcommand, Function<String, OptionMapping> options) {
    Optional<Command> command = command(name);
    List<String> words = new ArrayList<>();
    List<Param> declared = List.of();
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
        words.add(sub.map(Sub::words).orElse(subcommand));
        declared = sub.map(Sub::options).orElse(List.of());
      }
    }
    for (Param param : declared) {
      OptionMapping value = options.apply(param.name());
      if (value == null) {
        continue;
      }
      switch (param.kind()) {
        case USER -> words.add("<@" + value.getAsString() + ">");
        case CHANNEL -> words.add("<#" + value.getAsString() + ">");
        case FILE -> {
          // The file itself goes to the engine as an upload, downloaded after the ack.
        }
        case FLAG -> {
          if (value.getAsBoolean()) {
            words.add(param.word());
          }
        }
        default -> {
          // A parameter with a word is written as "word value", like "every weekly".
          if (param.word() != null) {
            words.add(param.word());
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
  List<SlashCommandData> data(boolean global) {
    List<SlashCommandData> out = new ArrayList<>();
    for (Command c : commands) {
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

  private static OptionData optionData(Param p) {
    OptionType type =
        switch (p.kind()) {
          case TEXT, CHOICE -> OptionType.STRING;
          case NUMBER -> OptionType.INTEGER;
          case USER -> OptionType.USER;
          case CHANNEL -> OptionType.CHANNEL;
          case FLAG -> OptionType.BOOLEAN;
          case FILE -> OptionType.ATTACHMENT;
        };
    OptionData data = new OptionData(type, p.name(), p.description(), !p.optional());
    if (p.kind() == Kind.CHANNEL) {
      data.setChannelTypes(ChannelType.TEXT, ChannelType.NEWS);
    }
    if (p.kind() == Kind.TEXT) {
      data.setMaxLength(OptionData.MAX_STRING_OPTION_LENGTH);
    }
    for (String choice : p.choices()) {
      data.addChoice(choice, choice);
    }
    return data;
  }
}
