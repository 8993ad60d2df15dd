package org.nudge.engine.members;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Texts;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge prefs [setting value]}: when and how Nudge may reach the member. Each person sets
 * their own timezone, reflection day and hour, and quiet hours, so nothing arrives at a bad time.
 */
public final class PrefsCommand extends DeclaredCommand {

  public static final String NAME = "prefs";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "See or change when I may write to you.")
          .with(
              Param.choice(
                  "setting",
                  "What to change",
                  "timezone",
                  "day",
                  "time",
                  "quiet",
                  "weekends",
                  "name"),
              Param.text("value", "The new value, like Europe/Berlin, friday, 15, 20-8 or quiet"));
  private static final Pattern HOUR = Pattern.compile("(\\d{1,2})(?::00)?");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,2})(?::00)?-(\\d{1,2})(?::00)?");

  public PrefsCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    String setting = words[0].toLowerCase(Locale.ROOT);
    String value = words.length > 1 ? words[1].strip() : "";
    Member me = ctx.member();
    if (setting.isEmpty()) {
      return Reply.text(describe(me, ctx));
    }
    if (value.isEmpty()) {
      return ctx.refuse(
          "Give a value too, like `/nudge prefs " + setting + " " + example(setting) + "`.");
    }
    Member changed;
    switch (setting) {
      case "timezone", "tz" -> {
        try {
          changed = me.withZone(ZoneId.of(value));
        } catch (DateTimeException e) {
          return ctx.refuse(
              "I don't know the timezone "
                  + value
                  + "; use a name like Europe/Berlin or"
                  + " America/New_York.");
        }
      }
      case "day" -> {
        DayOfWeek day = parseDay(value);
        if (day == null) {
          return ctx.refuse("Say a weekday, like `/nudge prefs day friday`.");
        }
        changed = me.withPrompt(day, me.promptHour());
      }
      case "time", "hour" -> {
        Matcher m = HOUR.matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23) {
          return ctx.refuse("Say a whole hour from 0 to 23, like `/nudge prefs time 15`.");
        }
        changed = me.withPrompt(me.promptDay(), Integer.parseInt(m.group(1)));
      }
      case "quiet" -> {
        Matcher m = RANGE.matcher(value);
        if (value.equalsIgnoreCase("off")) {
          changed = me.withQuietHours(0, 0, me.quietWeekends());
        } else if (m.matches()
            && Integer.parseInt(m.group(1)) < 24
            && Integer.parseInt(m.group(2)) < 24) {
          changed =
              me.withQuietHours(
                  Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), me.quietWeekends());
        } else {
          return ctx.refuse(
              "Say quiet hours as from-to in whole hours, like `/nudge prefs quiet 20-8`, or"
                  + " `off`.");
        }
      }
      case "weekends" -> {
        if (!value.equalsIgnoreCase("quiet") && !value.equalsIgnoreCase("ok")) {
          return ctx.refuse("Say `/nudge prefs weekends quiet` or `/nudge prefs weekends ok`.");
        }
        changed =
            me.withQuietHours(
                me.quietStartHour(), me.quietEndHour(), value.equalsIgnoreCase("quiet"));
      }
      case "name" -> {
        if (value.length() > 80) {
          return ctx.refuse("Keep your name under 80 characters.");
        }
        changed = me.withDisplayName(value);
      }
      default -> {
        return ctx.refuse(
            "I don't have a setting called "
                + setting
                + "; try timezone, day, time, quiet,"
                + " weekends or name.");
      }
    }
    ctx.tx().members().update(changed);
    if (changed.nextPromptAt() != null) {
      ctx.services().pairRhythm().scheduleReflections(ctx.tx(), changed, ctx.now());
    }
    return Reply.text("Saved. " + describe(changed, ctx) + quietWarning(changed));
  }

  /** Says so when the chosen reflection time falls in the member's own quiet time. */
  private static String quietWarning(Member m) {
    java.time.LocalTime at = java.time.LocalTime.of(m.promptHour(), 0);
    boolean weekend =
        m.quietWeekends()
            && (m.promptDay() == DayOfWeek.SATURDAY || m.promptDay() == DayOfWeek.SUNDAY);
    if (weekend || m.schedule().quiet().covers(at)) {
      return " Note: that reflection time falls in your quiet time, so it will arrive when your"
          + " quiet time ends.";
    }
    return "";
  }

  private static String example(String setting) {
    return switch (setting) {
      case "timezone", "tz" -> "Europe/Berlin";
      case "day" -> "friday";
      case "time", "hour" -> "15";
      case "quiet" -> "20-8";
      case "weekends" -> "quiet";
      default -> "…";
    };
  }

  private static DayOfWeek parseDay(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
      if (v.length() >= 3 && full.startsWith(v)) {
        return day;
      }
    }
    return null;
  }

  static String describe(Member m, CommandContext ctx) {
    String day = m.promptDay().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String quiet =
        m.quietStartHour() == m.quietEndHour()
            ? "no quiet hours"
            : String.format(
                Locale.ROOT, "quiet %02d:00 to %02d:00", m.quietStartHour(), m.quietEndHour());
    String pause =
        m.isPausedAt(ctx.now())
            ? " Paused until " + Texts.dayTime(m.pausedUntil(), m.zone()) + "."
            : "";
    return String.format(
            Locale.ROOT,
            "Your preferences: name %s, timezone %s, reflection on %s at %02d:00, %s%s.",
            m.displayName(),
            m.zone().getId(),
            day,
            m.promptHour(),
            quiet,
            m.quietWeekends() ? " and on weekends" : ", weekends ok")
        + pause;
  }
}
