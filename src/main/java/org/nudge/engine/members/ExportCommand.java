package org.nudge.engine.members;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.digest.ProgramExport;
import org.nudge.engine.domain.Entries;
import org.nudge.engine.domain.Journal;
import org.nudge.engine.domain.Member;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge export [json|csv]}: the member's own data out: wins, reflections, advice, check-ins
 * and feedback they wrote, plus their preferences. For leads, {@code /nudge export program <name>}
 * is a program's export instead ({@link ProgramExport}).
 */
public final class ExportCommand implements CommandHandler {

  public static final String NAME = "export";
  public static final String PROGRAM = "program";

  private final ProgramExport programs;

  private final ObjectMapper json =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  public ExportCommand(ProgramExport programs) {
    this.programs = programs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String usage() {
    return "/nudge export [json|csv]";
  }

  @Override
  public String description() {
    return "Get a copy of everything you've written (leads: `/nudge export program <name>`).";
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String[] words = ctx.args().strip().split("\\s+", 2);
    if (words[0].equalsIgnoreCase(PROGRAM)) {
      if (!ctx.membership().isLead(ctx.member())) {
        return ctx.refuse(
            "`/nudge export program` is for program leads; `/nudge export` gives you your own"
                + " data.");
      }
      return programs.handle(ctx, words.length > 1 ? words[1].strip() : "");
    }
    String format = ctx.args().strip().toLowerCase(Locale.ROOT);
    if (!format.isEmpty() && !format.equals("json") && !format.equals("csv")) {
      return ctx.refuse("I can export as `json` or `csv`, like `/nudge export csv`.");
    }
    List<Row> rows = rows(ctx.tx().journal(), ctx.member().id());
    String body = format.equals("csv") ? csv(rows) : json(ctx.member(), rows);
    return Reply.text(
        "Here's everything you've written (" + rows.size() + " entries):\n```\n" + body + "\n```");
  }

  /** One exported entry; the same shape in JSON and CSV. */
  record Row(String kind, Instant createdAt, String text, String detail, boolean shared) {}

  static List<Row> rows(Journal journal, long memberId) {
    List<Row> rows = new ArrayList<>();
    for (Entries.Win w : journal.winsBy(memberId)) {
      rows.add(new Row("win", w.createdAt(), w.text(), w.tags(), w.shared()));
    }
    for (Entries.Reflection r : journal.reflectionsBy(memberId)) {
      rows.add(
          new Row(
              "reflection",
              r.createdAt(),
              r.answer(),
              r.question() + (r.nextStep() == null ? "" : " | next: " + r.nextStep()),
              r.shared()));
    }
    for (Entries.Advice a : journal.adviceBy(memberId)) {
      rows.add(
          new Row(
              "advice", a.createdAt(), a.text(), a.outcome() == null ? "" : a.outcome(), false));
    }
    for (Entries.CheckIn c : journal.checkInsBy(memberId)) {
      rows.add(new Row("checkin", c.createdAt(), c.note(), "", false));
    }
    for (Entries.Feedback f : journal.feedbackBy(memberId)) {
      rows.add(
          new Row(
              "feedback",
              f.createdAt(),
              f.comment() == null ? "" : f.comment(),
              "rating " + f.rating(),
              f.shared()));
    }
    rows.sort(java.util.Comparator.comparing(Row::createdAt));
    return rows;
  }

  private String json(Member member, List<Row> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("member", member.ref().key());
    doc.put("name", member.displayName());
    doc.put("timezone", member.zone().getId());
    doc.put("entries", rows);
    try {
      return json.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Export could not be written", e);
    }
  }

  static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder("kind,created_at,text,detail,shared");
    for (Row r : rows) {
      out.append('\n')
          .append(r.kind())
          .append(',')
          .append(r.createdAt())
          .append(',')
          .append(quote(r.text()))
          .append(',')
          .append(quote(r.detail()))
          .append(',')
          .append(r.shared());
    }
    return out.toString();
  }

  /** RFC 4180 quoting: wrap in quotes and double any quote inside. */
  private static String quote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
