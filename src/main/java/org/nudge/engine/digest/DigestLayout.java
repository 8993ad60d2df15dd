package org.nudge.engine.digest;

import java.util.ArrayList;
import java.util.List;
import org.nudge.engine.command.Texts;
import org.nudge.engine.digest.Digest.PairReport;
import org.nudge.engine.digest.Digest.RoleSummary;
import org.nudge.engine.digest.PairHealth.Band;
import org.nudge.engine.domain.ProgramStats.Highlight;
import org.nudge.engine.domain.ProgramStats.Volunteer;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Message.Section;

/**
 * A {@link Digest} as structured {@link Message}s, one per audience: the program's channel gets the
 * celebration (participation totals, shared highlights, volunteers), which names no pair; the leads
 * get what does (pair health, feedback figures, pairs at risk). A lead's preview shows both, the
 * leads' sections marked as such. Each line is a sentence a lead reads at a glance. Long lists are
 * summarised (the first few, then how many more and where to see them all) and long texts shortened
 * at a word, so a digest of any program stays within what each platform shows in one or a few
 * messages.
 */
public final class DigestLayout {

  /** Pairs at risk, highlights and volunteers listed at most; the export has them all. */
  static final int MAX_AT_RISK = 15;

  static final int MAX_VOLUNTEERS = 15;
  static final int MAX_HIGHLIGHT_CHARS = 200;
  static final int MAX_NAME_CHARS = 40;

  /** How a preview marks the sections only leads get. */
  static final String LEADS_ONLY = " (leads only)";

  private DigestLayout() {}

  /** What the program's channel gets: the celebration, naming no pair and no health. */
  public static Message forChannel(Digest d) {
    return Message.structured(title("📊 " + d.programName() + ": weekly digest", d), channel(d));
  }

  /**
   * What only leads get (their channel, or each one's DM): pair health, feedback figures and the
   * pairs at risk; null when the program has no active pair, so there's nothing to say.
   */
  public static Message forLeads(Digest d) {
    if (d.activePairs() == 0) {
      return null;
    }
    return Message.structured(
        title("🔒 " + d.programName() + ", for leads only: weekly digest", d), leads(d, false));
  }

  /** Both parts for the lead who asked, the sections only leads get marked as such. */
  public static Message preview(Digest d) {
    List<Section> sections = new ArrayList<>(channel(d));
    if (d.activePairs() > 0) {
      sections.addAll(leads(d, true));
    }
    return Message.structured(title("📊 " + d.programName() + ": weekly digest", d), sections);
  }

  private static String title(String start, Digest d) {
    return start
        + (d.wholeWeek()
            ? ", " + Texts.day(d.from(), d.zone()) + " to " + Texts.day(d.to(), d.zone())
            : " so far, since " + Texts.dayTime(d.from(), d.zone()));
  }

  private static List<Section> channel(Digest d) {
    if (d.activePairs() == 0) {
      List<Section> sections = new ArrayList<>();
      sections.add(
          Section.of(
              "Participation",
              "No active pairs yet. Pair people with `/nudge pair @mentor @mentee "
                  + d.programName()
                  + "`."));
      if (!d.volunteers().isEmpty()) {
        sections.add(volunteers(d));
      }
      return sections;
    }
    return List.of(participation(d), highlights(d), volunteers(d));
  }

  private static List<Section> leads(Digest d, boolean marked) {
    List<Section> sections = List.of(health(d), feedback(d), atRisk(d));
    if (!marked) {
      return sections;
    }
    return sections.stream()
        .map(s -> new Section("🔒 " + s.heading() + LEADS_ONLY, s.lines()))
        .toList();
  }

  private static Section participation(Digest d) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "• "
            + plural(d.activePairs(), "active pair")
            + (d.newPairs() > 0 ? " (" + d.newPairs() + " new this week)" : ""));
    int rate = Digest.rate(d.promptsResponded(), d.promptsSent());
    int before = Digest.rate(d.promptsRespondedBefore(), d.promptsSentBefore());
    lines.add(
        "• Prompts: "
            + Texts.count(d.promptsSent())
            + " sent "
            + countChange(d, d.promptsSent(), d.promptsSentBefore())
            + (rate < 0
                ? ""
                : ", "
                    + rate
                    + "% answered "
                    + (before < 0
                        ? "(none sent the week before)"
                        : change(rate, before, " points"))));
    lines.add(
        "• Check-ins: "
            + d.dueMet()
            + " of "
            + plural(d.pairsDue(), "pair")
            + " due met"
            + (d.metAhead() > 0
                ? ", and " + plural(d.metAhead(), "pair") + " met ahead of time"
                : ""));
    lines.add(
        "• Wins: " + Texts.count(d.wins()) + " logged " + countChange(d, d.wins(), d.winsBefore()));
    // Appreciation is a count: what was thanked stays between the pair unless its author shared.
    lines.add(
        "• Appreciation: "
            + (d.thanks() == 0
                ? "no thanks given this week; `/thanks @partner …` credits yours"
                : (d.thanks() == 1 ? "1 thank-you" : Texts.count(d.thanks()) + " thank-yous")
                    + " between partners"));
    lines.add(
        "• Advice followed through: "
            + (d.adviceReported() == 0
                ? "no outcomes reported this week"
                : d.adviceTried() + " tried of " + d.adviceReported() + " reported on"));
    return new Section("Participation", lines);
  }

  private static Section health(Digest d) {
    return Section.of(
        "Pair health",
        "• "
            + d.count(Band.THRIVING)
            + " thriving, "
            + d.count(Band.STEADY)
            + " steady, "
            + d.count(Band.NEEDS_A_WORD)
            + " "
            + Band.NEEDS_A_WORD.words()
            + " (`/nudge health @member` explains a pair's score)");
  }

  private static Section highlights(Digest d) {
    List<String> lines = new ArrayList<>();
    for (Highlight h : d.highlights()) {
      lines.add(
          "🌟 "
              + shorten(h.author(), MAX_NAME_CHARS)
              + ": "
              + shorten(h.text().replace('\n', ' '), MAX_HIGHLIGHT_CHARS));
    }
    if (lines.isEmpty()) {
      lines.add("No wins shared this week; `/win … --share` puts one here.");
    } else if (d.highlightsTotal() > d.highlights().size()) {
      lines.add("…and " + plural(d.highlightsTotal() - d.highlights().size(), "more shared win"));
    }
    return new Section("Highlights", lines);
  }

  private static Section feedback(Digest d) {
    return new Section(
        "Feedback (twelve weeks)",
        List.of(
            role("Mentees on the mentoring", d.mentees(), d),
            role("Mentors on the sessions", d.mentors(), d),
            "Whole weeks only, rounded to the nearest half, and a figure changes only after "
                + FeedbackFigures.MIN_PEOPLE
                + " more people have answered: no change can tell anyone's rating."));
  }

  private static String role(String who, RoleSummary r, Digest d) {
    if (!r.shown()) {
      return "• "
          + who
          + ": not enough answers yet (a figure needs "
          + FeedbackFigures.MIN_PEOPLE
          + " answers from "
          + FeedbackFigures.MIN_PEOPLE
          + " people in whole weeks)";
    }
    return "• "
        + who
        + ": about "
        + FeedbackFigures.format(r.mean())
        + " / 5 ("
        + plural(r.answers(), "answer")
        + " in the twelve weeks to "
        + Texts.day(r.coversTo(), d.zone())
        + ")";
  }

  private static Section atRisk(Digest d) {
    List<PairReport> risky = d.atRisk();
    List<String> lines = new ArrayList<>();
    for (PairReport p : risky.subList(0, Math.min(MAX_AT_RISK, risky.size()))) {
      lines.add(
          "⚠️ "
              + shorten(p.stats().mentor().displayName(), MAX_NAME_CHARS)
              + " & "
              + shorten(p.stats().mentee().displayName(), MAX_NAME_CHARS)
              + ": "
              + String.join("; ", p.health().risks()));
    }
    if (lines.isEmpty()) {
      lines.add("None this week.");
    } else if (risky.size() > MAX_AT_RISK) {
      lines.add(
          "…and "
              + plural(risky.size() - MAX_AT_RISK, "more pair")
              + "; `/nudge export program "
              + d.programName()
              + "` lists them all.");
    }
    return new Section("Pairs at risk", lines);
  }

  private static Section volunteers(Digest d) {
    List<String> lines = new ArrayList<>();
    List<Volunteer> all = d.volunteers();
    for (Volunteer v : all.subList(0, Math.min(MAX_VOLUNTEERS, all.size()))) {
      lines.add(
          "🙋 "
              + shorten(v.displayName(), MAX_NAME_CHARS)
              + " (since "
              + Texts.day(v.volunteeredAt(), d.zone())
              + ")");
    }
    if (lines.isEmpty()) {
      lines.add("No one is waiting to mentor.");
    } else if (all.size() > MAX_VOLUNTEERS) {
      lines.add("…and " + plural(all.size() - MAX_VOLUNTEERS, "more volunteer"));
    }
    return new Section("Volunteers to mentor", lines);
  }

  /**
   * A count against last week's: its change after a whole week; while the week is under way, last
   * week's count itself, since a few days' count is always "down" on a whole week's.
   */
  private static String countChange(Digest d, int now, int before) {
    return d.wholeWeek()
        ? change(now, before, "")
        : "so far (" + Texts.count(before) + " last week)";
  }

  /** "(↑ 3 on last week)", "(↓ 2 on last week)" or "(same as last week)". */
  static String change(int now, int before, String unit) {
    int delta = now - before;
    if (delta == 0) {
      return "(same as last week)";
    }
    return "(" + (delta > 0 ? "↑ " : "↓ ") + Math.abs(delta) + unit + " on last week)";
  }

  static String plural(long n, String noun) {
    return Texts.count(n) + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * At most {@code max} characters, shortened at a word with "…" when longer; a single word longer
   * than that is left out rather than cut.
   */
  public static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = -1;
    for (int i = max - 1; i > 0; i--) {
      if (Character.isWhitespace(text.charAt(i))) {
        cut = i;
        break;
      }
    }
    return (cut > 0 ? text.substring(0, cut).stripTrailing() : "") + "…";
  }
}
