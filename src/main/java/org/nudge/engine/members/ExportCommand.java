package org.nudge.engine.members;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.Csv;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.digest.ProgramExport;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.MemberData;
import org.nudge.engine.domain.MemberData.Entry;
import org.nudge.engine.domain.MemberData.Field;
import org.nudge.engine.model.Reply;

/**
 * {@code /nudge export [json|csv]}: the member's own data out: their profile and preferences and
 * everything they wrote, as the registry of personal data lists it ({@link MemberData}). For leads,
 * {@code /nudge export program <name>} is a program's export instead ({@link ProgramExport}).
 */
public final class ExportCommand extends DeclaredCommand {

  public static final String NAME = "export";
  public static final String PROGRAM = "program";

  /** The profile field saying since when Nudge knows the member. */
  private static final String PROFILE_SINCE = "created_at";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Get a copy of everything you've written.")
          .with(Param.choice("format", "File format", "json", "csv"))
          .withSubs(
              CommandSpec.of(
                      PROGRAM,
                      "A program's figures and pairs as CSV and JSON files, sent to your DM.")
                  .forLeads()
                  .with(Param.text("program", "The program's name").required().shown("name")));

  private final ProgramExport programs;

  private final ObjectMapper json =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  public ExportCommand(ProgramExport programs) {
    super(SPEC);
    this.programs = programs;
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
    MemberData.Export data = ctx.tx().memberData().export(ctx.member());
    String body = format.equals("csv") ? csv(data) : json(ctx.member(), data);
    return Reply.text(
        "Here's everything you've written ("
            + data.entries().size()
            + " entries):\n```\n"
            + body
            + "\n```");
  }

  /**
   * The member's id, their profile, then one object per entry with its kind, when, its text, each
   * detail under its own name and whether it was shared: exactly what they wrote.
   */
  private String json(Member member, MemberData.Export data) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("member", member.ref().key());
    doc.put("profile", fields(data.profile()));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Entry e : data.entries()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kind", e.kind());
      entry.put("created_at", e.createdAt());
      entry.put("text", e.text());
      entry.putAll(fields(e.details()));
      if (e.shared() != null) {
        entry.put("shared", e.shared());
      }
      entries.add(entry);
    }
    doc.put("entries", entries);
    try {
      return json.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Export could not be written", e);
    }
  }

  private static Map<String, Object> fields(List<Field> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach(f -> out.put(f.name(), f.value()));
    return out;
  }

  /**
   * One line per entry, and the profile first; the details of an entry (its tags, question, next
   * step, rating...) share one cell, each introduced by its label.
   */
  static String csv(MemberData.Export data) {
    Csv csv = new Csv("kind,created_at,text,detail,shared");
    if (!data.profile().isEmpty()) {
      // The profile's first field (the name) is its text; when the member was first met, its time.
      List<Field> rest = new ArrayList<>(data.profile().subList(1, data.profile().size()));
      Object since = null;
      for (Field f : List.copyOf(rest)) {
        if (f.name().equals(PROFILE_SINCE)) {
          since = f.value();
          rest.remove(f);
        }
      }
      csv.row(
          Csv.value("profile"),
          Csv.value(since),
          Csv.text(String.valueOf(data.profile().get(0).value())),
          Csv.text(line(rest)),
          Csv.value(""));
    }
    for (Entry e : data.entries()) {
      csv.row(
          Csv.value(e.kind()),
          Csv.value(e.createdAt()),
          Csv.text(e.text()),
          Csv.text(line(e.details())),
          Csv.value(e.shared() == null ? "" : e.shared()));
    }
    return csv.toString();
  }

  /** Fields with a value, each as its label and value, in one line. */
  private static String line(List<Field> fields) {
    List<String> parts = new ArrayList<>();
    for (Field f : fields) {
      if (f.value() != null && !f.value().toString().isEmpty()) {
        parts.add(f.label() + f.value());
      }
    }
    return String.join(" | ", parts);
  }
}
