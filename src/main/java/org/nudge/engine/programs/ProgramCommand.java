package org.nudge.engine.programs;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Mentions;
import org.nudge.engine.command.NudgeCommand;
import org.nudge.engine.command.Texts;
import org.nudge.engine.command.Usage;
import org.nudge.engine.digest.DigestSchedule;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Program;
import org.nudge.engine.enrolment.ProgramEnrolment;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge program create <name> [#channel]}, {@code /nudge program channel <name> #channel},
 * {@code /nudge program leads-channel <name> #channel|none}, {@code /nudge program digest <name>
 * <day> <hour> [timezone]} and {@code /nudge program list}: a lead's view of the workspace's
 * programs, their pairs, where their digest's two parts go and when (by default Monday 09:00 in the
 * zone of the lead who created the program).
 */
public final class ProgramCommand extends DeclaredCommand {

  public static final String NAME = "program";
  public static final int MAX_NAME_LENGTH = 100;
  private static final Param NAME_PARAM = Param.text("name", "The program's name").required();

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Programs, their channels and digests.")
          .forLeads()
          .withSubs(
              CommandSpec.of("create", "Create a program.")
                  .with(NAME_PARAM, Param.channel("channel", "Where digests and shared wins go")),
              CommandSpec.of("channel", "Set a program's channel.")
                  .with(
                      NAME_PARAM,
                      Param.channel("channel", "Where digests and shared wins go").required()),
              CommandSpec.of(
                      "leads-channel",
                      "Set where pairs at risk and health go: a channel only leads are in.")
                  .with(
                      NAME_PARAM,
                      Param.channel("channel", "A channel only leads are in"),
                      Param.flag("none", "Send them to each lead's DM instead", "none")),
              CommandSpec.of(
                      "digest",
                      "Set when a program's weekly digest goes out (by default Monday 09:00).")
                  .with(
                      NAME_PARAM,
                      Param.choice(
                              "day",
                              "The day",
                              "monday",
                              "tuesday",
                              "wednesday",
                              "thursday",
                              "friday",
                              "saturday",
                              "sunday")
                          .required()
                          .shown("day"),
                      Param.number("hour", "The hour, 0 to 23").required(),
                      Param.text("timezone", "The program's timezone, like Europe/Berlin")),
              CommandSpec.of(
                      "space",
                      "Where new pairs hear from Nudge: each in their DM, or together in a group.")
                  .with(
                      NAME_PARAM,
                      Param.choice("space", "dm, or group: a shared space per pair", "dm", "group")
                          .required()
                          .shown("dm|group")),
              CommandSpec.of("list", "List programs and their pairs."))
          .withSubs(ProgramEnrolment.SPECS);

  /** How to type {@code /nudge program create}, as the spec says. */
  static String createUsage() {
    return Usage.of("/" + NudgeCommand.NAME + " " + NAME, SPEC, "create");
  }

  public ProgramCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    String rest = words.length > 1 ? words[1].strip() : "";
    return switch (words[0].toLowerCase(Locale.ROOT)) {
      case "create" -> create(ctx, rest);
      case "channel" -> channel(ctx, rest);
      case "leads-channel" -> leadsChannel(ctx, rest);
      case "digest" -> digest(ctx, rest);
      case "space" -> space(ctx, rest);
      case "list", "" -> Reply.text(ProgramListing.describe(ctx));
      case "topics" -> ProgramEnrolment.topics(ctx, rest);
      case "enrolment" -> ProgramEnrolment.enrolment(ctx, rest);
      case "invite" -> ProgramEnrolment.invite(ctx, rest);
      default -> ctx.refuse(Usage.takes(ctx.path(), SPEC));
    };
  }

  private Reply create(CommandContext ctx, String rest) {
    NameAndChannel parsed = NameAndChannel.parse(rest);
    if (parsed.name().isEmpty()) {
      return ctx.refuse("Give the program a name, like `/nudge program create Spring #mentoring`.");
    }
    if (parsed.name().length() > MAX_NAME_LENGTH || parsed.name().contains("<@")) {
      return ctx.refuse(
          "A program name is plain words of at most " + MAX_NAME_LENGTH + " characters.");
    }
    Member lead = ctx.member();
    String platform = lead.ref().platform();
    String workspace = lead.ref().workspace();
    if (ctx.tx().programs().byName(platform, workspace, parsed.name()).isPresent()) {
      return ctx.refuse(
          "There's already a program called " + parsed.name() + "; pick another name.");
    }
    Program program =
        ctx.tx().programs().create(platform, workspace, parsed.name(), parsed.channel(), ctx.now());
    ZoneId zone = lead.zone();
    ctx.tx()
        .digests()
        .setSchedule(
            program.id(),
            DigestSchedule.DEFAULT_DAY,
            DigestSchedule.DEFAULT_HOUR,
            zone,
            DigestSchedule.next(
                DigestSchedule.DEFAULT_DAY, DigestSchedule.DEFAULT_HOUR, zone, ctx.now()));
    String where =
        program.channelId() == null
            ? " It has no channel yet; add one with `/nudge program channel "
                + program.name()
                + " #channel` for digests and shared wins."
            : " Shared wins and the digest's highlights will go to <#"
                + program.channelId()
                + ">; pairs at risk and health go only to leads.";
    return Reply.text(
        "Program "
            + program.name()
            + " created."
            + where
            + " Pair people with `/nudge pair @mentor @mentee "
            + program.name()
            + "`.");
  }

  private Reply channel(CommandContext ctx, String rest) {
    NameAndChannel parsed = NameAndChannel.parse(rest);
    if (parsed.name().isEmpty() || parsed.channel() == null) {
      return ctx.refuse(
          "Name the program and the channel, like `/nudge program channel Spring #mentoring`.");
    }
    Member lead = ctx.member();
    var program =
        ctx.tx().programs().byName(lead.ref().platform(), lead.ref().workspace(), parsed.name());
    if (program.isEmpty()) {
      return ctx.refuse(
          "There's no program called " + parsed.name() + "; `/nudge program list` shows them.");
    }
    if (parsed.channel().equals(program.get().leadsChannelId())) {
      return ctx.refuse(
          "<#"
              + parsed.channel()
              + "> is "
              + program.get().name()
              + "'s leads' channel, for pairs at risk; pick the channel where members celebrate.");
    }
    ctx.tx().programs().setChannel(program.get().id(), parsed.channel());
    return Reply.text(program.get().name() + " now posts to <#" + parsed.channel() + ">.");
  }

  /**
   * {@code leads-channel <name> #channel|none}: where the leads' part of the digest goes (pair
   * health, pairs at risk, feedback figures); {@code none} sends it to each lead's DM again. The
   * program's own channel is refused: members celebrate there.
   */
  private Reply leadsChannel(CommandContext ctx, String rest) {
    List<String> words = List.of(rest.strip().split("\\s+"));
    boolean none = words.get(words.size() - 1).equalsIgnoreCase("none");
    NameAndChannel parsed =
        none
            ? new NameAndChannel(String.join(" ", words.subList(0, words.size() - 1)), null)
            : NameAndChannel.parse(rest);
    if (parsed.name().isEmpty() || parsed.channel() == null && !none) {
      return ctx.refuse(
          "Name the program and a channel only leads are in, like `/nudge program leads-channel"
              + " Spring #mentoring-leads`, or `none` for each lead's DM.");
    }
    Member lead = ctx.member();
    var program =
        ctx.tx().programs().byName(lead.ref().platform(), lead.ref().workspace(), parsed.name());
    if (program.isEmpty()) {
      return ctx.refuse(
          "There's no program called " + parsed.name() + "; `/nudge program list` shows them.");
    }
    Program p = program.get();
    if (parsed.channel() != null && parsed.channel().equals(p.channelId())) {
      return ctx.refuse(
          "<#"
              + p.channelId()
              + "> is where "
              + p.name()
              + "'s members celebrate, so pairs at risk can't go there; pick a channel only leads"
              + " are in.");
    }
    ctx.tx().programs().setLeadsChannel(p.id(), parsed.channel());
    if (parsed.channel() == null) {
      return Reply.text(
          p.name() + "'s pairs at risk, health and feedback figures now go to each lead's DM.");
    }
    return Reply.text(
        p.name()
            + "'s pairs at risk, health and feedback figures now go to <#"
            + parsed.channel()
            + ">. Keep that channel to leads: what it gets names pairs that need a word.");
  }

  /**
   * {@code space <name> dm|group}: with {@code group}, each new pair's welcome, check-in reminders
   * and agenda go to one shared conversation of the two and Nudge; pairs whose space the platform
   * refused are tried again, and the leads will be told again if it still refuses.
   */
  private Reply space(CommandContext ctx, String rest) {
    List<String> words = List.of(rest.strip().split("\\s+"));
    String mode = words.get(words.size() - 1).toLowerCase(Locale.ROOT);
    String name = String.join(" ", words.subList(0, words.size() - 1));
    if (name.isEmpty() || !mode.equals(Program.DM) && !mode.equals(Program.GROUP)) {
      return ctx.refuse(
          "Name the program and `dm` or `group`, like `/nudge program space Spring group`.");
    }
    Member lead = ctx.member();
    var program = ctx.tx().programs().byName(lead.ref().platform(), lead.ref().workspace(), name);
    if (program.isEmpty()) {
      return ctx.refuse(
          "There's no program called " + name + "; `/nudge program list` shows them.");
    }
    Program p = program.get();
    ctx.tx().programs().setPairSpace(p.id(), mode);
    if (mode.equals(Program.DM)) {
      return Reply.text(
          "New pairs in "
              + p.name()
              + " will hear from me in their own DMs. Spaces already opened stay, but I won't write"
              + " there any more.");
    }
    ctx.tx().pairSpaces().retryRefused(p.id());
    return Reply.text(
        "Each new pair in "
            + p.name()
            + " will get a shared space with me (a group DM on Slack, a private thread in the"
            + " program's channel on Discord) for their welcome, check-in reminders and agenda; reflections and other private"
            + " prompts stay in each person's DM. If the platform refuses, I'll use DMs and tell"
            + " you what permission to grant.");
  }

  /**
   * {@code digest <name> <day> <hour> [timezone]}: when the program's weekly digest goes out, in
   * the program's own zone.
   */
  private Reply digest(CommandContext ctx, String rest) {
    List<String> words = new java.util.ArrayList<>(List.of(rest.strip().split("\\s+")));
    ZoneId zone = null;
    if (words.size() >= 4) {
      try {
        zone = ZoneId.of(words.get(words.size() - 1));
        words.remove(words.size() - 1);
      } catch (java.time.DateTimeException e) {
        zone = null;
      }
    }
    String example = "like `/nudge program digest Spring monday 9 Europe/Berlin`";
    if (words.size() < 3) {
      return ctx.refuse("Name the program, the day and the hour, " + example + ".");
    }
    String hourWord = words.remove(words.size() - 1);
    String dayWord = words.remove(words.size() - 1);
    String name = String.join(" ", words);
    DayOfWeek day = Days.parse(dayWord);
    Integer hour = hour(hourWord);
    if (day == null || hour == null) {
      return ctx.refuse(
          "The day is a weekday (monday … sunday) and the hour 0 to 23, " + example + ".");
    }
    Member lead = ctx.member();
    var program = ctx.tx().programs().byName(lead.ref().platform(), lead.ref().workspace(), name);
    if (program.isEmpty()) {
      return ctx.refuse(
          "There's no program called " + name + "; `/nudge program list` shows them.");
    }
    ZoneId programZone =
        zone != null ? zone : ctx.tx().digests().schedule(program.get().id()).zone();
    Instant next = DigestSchedule.next(day, hour, programZone, ctx.now());
    ctx.tx().digests().setSchedule(program.get().id(), day, hour, programZone, next);
    return Reply.text(
        program.get().name()
            + "'s digest now goes out on "
            + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
            + "s at "
            + String.format(Locale.ENGLISH, "%02d:00", hour)
            + " "
            + programZone.getId()
            + "; the next one is on "
            + Texts.dayTime(next, programZone)
            + ".");
  }

  private static Integer hour(String word) {
    String digits = word.endsWith(":00") ? word.substring(0, word.length() - 3) : word;
    try {
      int hour = Integer.parseInt(digits);
      return hour >= 0 && hour <= 23 ? hour : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Weekday names and their three-letter forms. */
  static final class Days {
    private Days() {}

    static DayOfWeek parse(String word) {
      String w = word.toLowerCase(Locale.ROOT);
      for (DayOfWeek day : DayOfWeek.values()) {
        String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        if (w.equals(full) || w.length() >= 3 && full.startsWith(w)) {
          return day;
        }
      }
      return null;
    }
  }

  /** A program name followed by an optional channel word. */
  record NameAndChannel(String name, String channel) {
    static NameAndChannel parse(String text) {
      List<String> words = List.of(text.strip().split("\\s+"));
      String last = words.get(words.size() - 1);
      String channel = Mentions.channelId(last);
      List<String> nameWords = channel == null ? words : words.subList(0, words.size() - 1);
      return new NameAndChannel(String.join(" ", nameWords).strip(), channel);
    }
  }

  /** Lists programs, each with its active pairs. */
  static final class ProgramListing {
    private ProgramListing() {}

    static String describe(CommandContext ctx) {
      Member lead = ctx.member();
      List<Program> programs =
          ctx.tx().programs().all(lead.ref().platform(), lead.ref().workspace());
      if (programs.isEmpty()) {
        return "No programs yet. Create one with `" + createUsage() + "`.";
      }
      StringBuilder text = new StringBuilder("Programs:");
      for (Program program : programs) {
        List<Pair> pairs = ctx.tx().pairs().activeIn(program.id());
        text.append("\n*")
            .append(program.name())
            .append("*")
            .append(
                program.channelId() == null
                    ? " (no channel)"
                    : " in <#" + program.channelId() + ">")
            .append(", ")
            .append(pairs.size())
            .append(pairs.size() == 1 ? " pair" : " pairs")
            .append(
                program.leadsChannelId() == null
                    ? ""
                    : ", leads' digest in <#" + program.leadsChannelId() + ">")
            .append(program.groupSpaces() ? ", a shared space per pair" : "");
        for (Pair pair : pairs) {
          text.append("\n  • ")
              .append(ctx.nameOf(pair.mentorId()))
              .append(" mentors ")
              .append(ctx.nameOf(pair.menteeId()));
        }
      }
      return text.toString();
    }
  }
}
