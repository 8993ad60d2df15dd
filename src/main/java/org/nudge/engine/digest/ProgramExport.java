package org.nudge.engine.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.Csv;
import org.nudge.engine.digest.Digest.PairReport;
import org.nudge.engine.digest.Digest.RoleSummary;
import org.nudge.engine.digest.PairHealth.Band;
import org.nudge.engine.domain.Program;
import org.nudge.engine.domain.ProgramStats.MemberActivity;
import org.nudge.engine.domain.ProgramStats.PairStats;
import org.nudge.engine.domain.ProgramStats.Volunteer;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.programs.ProgramChoice;

/**
 * {@code /nudge export program <name>}: a lead's export of a program, the same figures as its
 * digest for the week to now plus every active pair with its counts and health. Two files, a CSV of
 * the pairs and a JSON of the aggregates and pairs, sent to the lead's direct conversation, where
 * the platform uploads them as files (a program too large for one message gets its pairs in several
 * CSV parts). Counts and names only: no reflection, advice or feedback text and no rating of
 * anyone; a role's feedback appears only as the figure the digest shows (see {@link
 * FeedbackFigures}).
 */
public final class ProgramExport {

  public static final String CSV_HEADER =
      "pair_id,mentor,mentee,phase,started_at,cadence_days,last_checkin_at,checkins_this_week,"
          + "prompts_4w,answered_4w,wins_4w,mentor_activity_4w,mentee_activity_4w,health_score,"
          + "health_band,at_risk";

  /**
   * The file text one outbox message carries at most: its payload holds 1,000,000 characters, and
   * JSON escaping (quotes in CSV) can nearly double the text.
   */
  static final int MAX_FILE_CHARS = 450_000;

  private final DigestBuilder builder;
  private final ObjectMapper json =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  public ProgramExport(DigestBuilder builder) {
    this.builder = builder;
  }

  /** Handles {@code program <name>} after {@code /nudge export}; the caller checked the role. */
  public Reply handle(CommandContext ctx, String programName) {
    Optional<Program> program = ProgramChoice.resolve(ctx, programName);
    if (program.isEmpty()) {
      return ctx.refuse(
          ProgramChoice.problem(ctx, programName)
              + " For example: `/nudge export program Spring`.");
    }
    Program p = program.get();
    Digest digest = builder.onDemand(ctx.tx(), p, ctx.now());
    String stem = slug(p.name()) + "-" + LocalDate.ofInstant(ctx.now(), digest.zone());
    String csv = csv(digest);
    String json = json(digest, ctx.now(), true);
    List<List<Message.Attachment>> messages = new ArrayList<>();
    if (csv.length() + json.length() <= MAX_FILE_CHARS) {
      messages.add(
          List.of(
              new Message.Attachment(stem + "-pairs.csv", "text/csv", csv),
              new Message.Attachment(stem + ".json", "application/json", json)));
    } else {
      // Too large for one message: the JSON keeps the aggregates, the pairs come as CSV parts.
      List<String> parts = csvParts(csv, MAX_FILE_CHARS);
      for (int i = 0; i < parts.size(); i++) {
        List<Message.Attachment> files = new ArrayList<>();
        if (i == 0) {
          files.add(
              new Message.Attachment(
                  stem + ".json", "application/json", json(digest, ctx.now(), false)));
        }
        files.add(
            new Message.Attachment(
                stem + "-pairs-" + (i + 1) + "-of-" + parts.size() + ".csv",
                "text/csv",
                parts.get(i)));
        messages.add(files);
      }
    }
    List<String> names = new ArrayList<>();
    messages.forEach(files -> files.forEach(f -> names.add(f.fileName())));
    String listed = String.join(", ", names);
    for (int i = 0; i < messages.size(); i++) {
      String text =
          i == 0
              ? "📎 The export of "
                  + p.name()
                  + " you asked for: "
                  + DigestLayout.plural(digest.activePairs(), "active pair")
                  + ", with the figures of the digest for the week to now. Files: "
                  + listed
                  + "."
              : "📎 " + p.name() + " export, part " + (i + 1) + " of " + messages.size() + ".";
      PrivacyGate.of(ctx.tx())
          .sendNow(
              new Outgoing(
                  "export:"
                      + p.id()
                      + ":"
                      + ctx.member().id()
                      + ":"
                      + ctx.now().toEpochMilli()
                      + (i == 0 ? "" : ":" + (i + 1)),
                  new ConversationRef.Direct(ctx.member().ref()),
                  Message.text(text).withAttachments(messages.get(i))),
              ctx.now());
    }
    return Reply.text(
        "I've sent you the export of "
            + p.name()
            + " in a direct message: "
            + (names.size() == 2 ? names.get(0) + " and " + names.get(1) : listed)
            + ".");
  }

  /** CSV rows in parts of at most {@code max} characters, each with the header, rows whole. */
  public static List<String> csvParts(String csv, int max) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder(CSV_HEADER);
    List<String> rows = csv.lines().skip(1).toList();
    for (String row : rows) {
      if (current.length() > CSV_HEADER.length() && current.length() + 1 + row.length() > max) {
        parts.add(current.toString());
        current = new StringBuilder(CSV_HEADER);
      }
      current.append('\n').append(row);
    }
    parts.add(current.toString());
    return parts;
  }

  /** One row per active pair. */
  static String csv(Digest digest) {
    Csv out = new Csv(CSV_HEADER);
    for (PairReport report : digest.pairs()) {
      PairStats s = report.stats();
      MemberActivity mentor = s.mentor().activity();
      MemberActivity mentee = s.mentee().activity();
      out.row(
          Csv.value(s.pairId()),
          Csv.text(s.mentor().displayName()),
          Csv.text(s.mentee().displayName()),
          Csv.value(s.phase()),
          Csv.value(s.startedAt()),
          Csv.value(s.cadenceDays()),
          Csv.value(s.lastCheckInAt()),
          Csv.value(s.checkInsWeek()),
          Csv.value(mentor.promptsRecent() + mentee.promptsRecent()),
          Csv.value(mentor.respondedRecent() + mentee.respondedRecent()),
          Csv.value(mentor.winsRecent() + mentee.winsRecent()),
          Csv.value(mentor.engagementRecent()),
          Csv.value(mentee.engagementRecent()),
          Csv.value(report.health().score()),
          Csv.value(report.health().band().words()),
          Csv.text(String.join("; ", report.health().risks())));
    }
    return out.toString();
  }

  String json(Digest d, Instant now, boolean withPairs) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("program", d.programName());
    doc.put("generated_at", now.toString());
    doc.put("week", Map.of("from", d.from().toString(), "to", d.to().toString()));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("active_pairs", d.activePairs());
    summary.put("new_pairs", d.newPairs());
    summary.put("prompts_sent", d.promptsSent());
    summary.put("prompts_answered", d.promptsResponded());
    summary.put("prompts_sent_week_before", d.promptsSentBefore());
    summary.put("prompts_answered_week_before", d.promptsRespondedBefore());
    summary.put("pairs_due_to_meet", d.pairsDue());
    summary.put("pairs_due_that_met", d.dueMet());
    summary.put("pairs_met_ahead", d.metAhead());
    summary.put("wins", d.wins());
    summary.put("wins_week_before", d.winsBefore());
    summary.put("wins_shared", d.highlightsTotal());
    summary.put("advice_reported", d.adviceReported());
    summary.put("advice_tried", d.adviceTried());
    summary.put("thanks", d.thanks());
    Map<String, Object> health = new LinkedHashMap<>();
    for (Band band : Band.values()) {
      health.put(band.name().toLowerCase(Locale.ROOT), d.count(band));
    }
    summary.put("health", health);
    summary.put("pairs_at_risk", d.atRisk().size());
    doc.put("summary", summary);
    doc.put("feedback", Map.of("mentee", role(d.mentees()), "mentor", role(d.mentors())));
    List<String> volunteers = new ArrayList<>();
    for (Volunteer v : d.volunteers()) {
      volunteers.add(v.displayName());
    }
    doc.put("volunteers", volunteers);
    if (!withPairs) {
      doc.put("pairs", "too many for one file: see the CSV parts");
      return write(doc);
    }
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (PairReport report : d.pairs()) {
      PairStats s = report.stats();
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("pair_id", s.pairId());
      pair.put("mentor", s.mentor().displayName());
      pair.put("mentee", s.mentee().displayName());
      pair.put("phase", s.phase());
      pair.put("started_at", s.startedAt().toString());
      pair.put("cadence_days", s.cadenceDays());
      pair.put("last_checkin_at", s.lastCheckInAt() == null ? null : s.lastCheckInAt().toString());
      pair.put("checkins_this_week", s.checkInsWeek());
      pair.put("mentor_4w", activity(s.mentor().activity()));
      pair.put("mentee_4w", activity(s.mentee().activity()));
      pair.put("health_score", report.health().score());
      pair.put("health_band", report.health().band().words());
      pair.put("health_reasons", report.health().reasons());
      pair.put("at_risk", report.health().risks());
      pairs.add(pair);
    }
    doc.put("pairs", pairs);
    return write(doc);
  }

  private String write(Map<String, Object> doc) {
    try {
      return json.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The export could not be written", e);
    }
  }

  private static Map<String, Object> activity(MemberActivity a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("prompts", a.promptsRecent());
    out.put("answered", a.respondedRecent());
    out.put("wins", a.winsRecent());
    out.put("advice_logged", a.adviceLoggedRecent());
    out.put("advice_reported", a.adviceReportedRecent());
    out.put("checkins_recorded", a.checkInsRecordedRecent());
    return out;
  }

  /** A role's published figure, as the digest shows it: never more precise, never fresher. */
  private static Map<String, Object> role(RoleSummary r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mean", r.mean());
    out.put("answers", r.shown() ? r.answers() : null);
    out.put("weeks_to", r.shown() ? r.coversTo().toString() : null);
    out.put(
        "note",
        r.shown()
            ? "mean of "
                + r.answers()
                + " answers in the twelve whole weeks to weeks_to, rounded to the nearest half;"
                + " it changes only after "
                + FeedbackFigures.MIN_PEOPLE
                + " more people have answered"
            : "not enough answers yet: a figure needs "
                + FeedbackFigures.MIN_PEOPLE
                + " answers from "
                + FeedbackFigures.MIN_PEOPLE
                + " people in whole weeks");
    return out;
  }

  /** A file-name stem from a program name. */
  static String slug(String name) {
    return Csv.fileStem(name);
  }
}
