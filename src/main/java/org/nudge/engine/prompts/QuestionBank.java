package org.nudge.engine.prompts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nudge.engine.schedule.Phase;

/**
 * The questions Nudge asks, loaded once from {@code config/questions.yaml} and validated so that a
 * broken bank fails at start-up with one sentence, not on some member's Friday afternoon.
 *
 * <p>{@link #pick} draws one reflection question per member and week. The draw is a rotation, not a
 * random choice: it is deterministic (a retried job or a second node picks the same question, so
 * the idempotency key and the text agree), it walks through the whole pool before repeating, and it
 * never gives a member the same question two weeks running. Each member starts at a different point
 * in the pool, so a program channel does not hear everyone answer the same question.
 */
public final class QuestionBank {

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

  private final List<Question> reflections;
  private final Map<Phase, Map<Role, List<Question>>> pools;
  private final Map<Role, List<FeedbackQuestion>> feedback;
  private final Question invitation;

  private QuestionBank(
      List<Question> reflections,
      Map<Phase, Map<Role, List<Question>>> pools,
      Map<Role, List<FeedbackQuestion>> feedback,
      Question invitation) {
    this.reflections = reflections;
    this.pools = pools;
    this.feedback = feedback;
    this.invitation = invitation;
  }

  /**
   * Loads and validates a bank from a YAML file.
   *
   * @throws IllegalArgumentException with one sentence naming the problem if the bank is invalid
   * @throws UncheckedIOException if the file cannot be read
   */
  public static QuestionBank load(Path file) {
    Objects.requireNonNull(file, "file");
    try (InputStream in = Files.newInputStream(file)) {
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("The question bank " + file + " could not be read.", e);
    }
  }

  /**
   * Loads and validates a bank from YAML text; the stream is read but not closed.
   *
   * @throws IllegalArgumentException with one sentence naming the problem if the bank is invalid
   * @throws UncheckedIOException if the stream cannot be read
   */
  public static QuestionBank load(InputStream yaml) {
    Objects.requireNonNull(yaml, "yaml");
    // Duplicate keys would otherwise be merged silently, the later group replacing the earlier.
    ObjectMapper mapper =
        YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    BankFile file;
    try {
      file = mapper.readValue(yaml, BankFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "The question bank has an unknown key '"
              + e.getPropertyName()
              + "'"
              + where(e.getPath().subList(0, e.getPath().size() - 1))
              + "; check its spelling.",
          e);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonProcessingException syntax) {
        // A syntax error (such as a duplicate key) found while mapping a nested value.
        throw notYaml(syntax);
      }
      throw new IllegalArgumentException(
          "The question bank has a value of the wrong kind" + where(e.getPath()) + ".", e);
    } catch (JsonProcessingException e) {
      throw notYaml(e);
    } catch (IOException e) {
      throw new UncheckedIOException("The question bank could not be read.", e);
    }
    if (file == null) {
      throw new IllegalArgumentException("The question bank is empty.");
    }
    return fromFile(file);
  }

  private static QuestionBank fromFile(BankFile file) {
    Set<String> ids = new HashSet<>();
    if (file.reflection() == null) {
      throw new IllegalArgumentException("The question bank has no 'reflection' section.");
    }
    List<Question> reflections = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Entry>>> byPhase : file.reflection().entrySet()) {
      Phase phase;
      try {
        phase = Phase.parse(byPhase.getKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The question bank has an unknown phase '"
                + byPhase.getKey()
                + "'; use kickoff, active, waiting or wrap-up.",
            e);
      }
      Map<String, List<Entry>> byRole = byPhase.getValue() == null ? Map.of() : byPhase.getValue();
      for (Map.Entry<String, List<Entry>> group : byRole.entrySet()) {
        String where = "reflection." + byPhase.getKey() + "." + group.getKey();
        Audience audience = audience(group.getKey(), where);
        for (Entry e : nonEmpty(group.getValue(), where)) {
          reflections.add(new Question(id(e.id(), where, ids), phase, audience, text(e)));
        }
      }
    }
    Map<Phase, Map<Role, List<Question>>> pools = new EnumMap<>(Phase.class);
    for (Phase phase : Phase.values()) {
      Map<Role, List<Question>> byRole = new EnumMap<>(Role.class);
      for (Role role : Role.values()) {
        List<Question> pool = pool(reflections, phase, role);
        if (pool.size() < 2) {
          // One question would repeat every week; zero would leave the member without a prompt.
          throw new IllegalArgumentException(
              "The question bank has "
                  + pool.size()
                  + " reflection question(s) for a "
                  + role.name().toLowerCase(Locale.ROOT)
                  + " in phase "
                  + phase.word()
                  + "; add at least 2 so the weekly question can change.");
        }
        byRole.put(role, pool);
      }
      pools.put(phase, byRole);
    }

    if (file.feedback() == null) {
      throw new IllegalArgumentException("The question bank has no 'feedback' section.");
    }
    Map<Role, List<FeedbackQuestion>> feedback = new EnumMap<>(Role.class);
    for (Map.Entry<String, List<FeedbackEntry>> group : file.feedback().entrySet()) {
      String where = "feedback." + group.getKey();
      Audience audience = audience(group.getKey(), where);
      if (audience == Audience.ANY) {
        throw new IllegalArgumentException(
            "The question group " + where + " must be mentee or mentor; feedback differs by role.");
      }
      Role role = Role.valueOf(audience.name());
      List<FeedbackQuestion> list = new ArrayList<>();
      for (FeedbackEntry e : nonEmpty(group.getValue(), where)) {
        String id = id(e.id(), where, ids);
        list.add(
            new FeedbackQuestion(
                id,
                role,
                required(e.text(), "text", id),
                required(e.low(), "low", id),
                required(e.high(), "high", id),
                required(e.comment(), "comment", id)));
      }
      feedback.put(role, List.copyOf(list));
    }
    for (Role role : Role.values()) {
      if (!feedback.containsKey(role)) {
        throw new IllegalArgumentException(
            "The question bank has no feedback questions for a "
                + role.name().toLowerCase(Locale.ROOT)
                + "; add a group feedback."
                + role.name().toLowerCase(Locale.ROOT)
                + ".");
      }
    }

    if (file.invitation() == null) {
      throw new IllegalArgumentException(
          "The question bank has no 'invitation' to mentor others at wrap-up.");
    }
    Question invitation =
        new Question(
            id(file.invitation().id(), "invitation", ids),
            Phase.WRAP_UP,
            Audience.MENTEE,
            text(file.invitation()));
    return new QuestionBank(List.copyOf(reflections), pools, feedback, invitation);
  }

  private static IllegalArgumentException notYaml(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    // The parser's own message can span several lines; its first line names the problem.
    String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
    return new IllegalArgumentException(
        "The question bank is not valid YAML"
            + (at == null ? "" : " near line " + at.getLineNr())
            + ": "
            + why,
        e);
  }

  /** Where in the file Jackson gave up, as a dotted path like {@code reflection.kickoff.any[2]}. */
  private static String where(List<JsonMappingException.Reference> refs) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : refs) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex() + 1).append(']');
      }
    }
    return path.length() == 0 ? "" : " at " + path;
  }

  private static List<Question> pool(List<Question> all, Phase phase, Role role) {
    // Role-specific questions first, then shared ones, each in file order, so the order (and so
    // the rotation) only changes when the file does.
    List<Question> pool = new ArrayList<>();
    for (Question q : all) {
      if (q.phase() == phase && q.role() == Audience.of(role)) {
        pool.add(q);
      }
    }
    for (Question q : all) {
      if (q.phase() == phase && q.role() == Audience.ANY) {
        pool.add(q);
      }
    }
    return List.copyOf(pool);
  }

  private static Audience audience(String key, String where) {
    return switch (key == null ? "" : key.strip().toLowerCase(Locale.ROOT)) {
      case "mentee" -> Audience.MENTEE;
      case "mentor" -> Audience.MENTOR;
      case "any" -> Audience.ANY;
      default ->
          throw new IllegalArgumentException(
              "The question group " + where + " has an unknown role; use mentee, mentor or any.");
    };
  }

  private static <T> List<T> nonEmpty(List<T> list, String where) {
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException(
          "The question group " + where + " is empty; add a question or remove the group.");
    }
    return list;
  }

  private static String id(String id, String where, Set<String> seen) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("A question in " + where + " has no id.");
    }
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "The question id '" + id + "' may use only lowercase letters, digits and hyphens.");
    }
    if (!seen.add(id)) {
      throw new IllegalArgumentException(
          "The question id '" + id + "' is used twice; every question needs its own id.");
    }
    return id;
  }

  private static String text(Entry e) {
    return required(e.text(), "text", e.id());
  }

  private static String required(String value, String field, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("The question '" + id + "' has no " + field + ".");
    }
    return value.strip();
  }

  /** Every reflection question in the bank, in file order. */
  public List<Question> reflections() {
    return reflections;
  }

  /** The reflection questions a member in this role may get in this phase, in rotation order. */
  public List<Question> reflections(Phase phase, Role role) {
    return pools
        .get(Objects.requireNonNull(phase, "phase"))
        .get(Objects.requireNonNull(role, "role"));
  }

  /**
   * This week's reflection question for one member.
   *
   * <p>Consecutive ISO weeks (also across a year's end, 2026-W53 to 2027-W01) map to consecutive
   * positions in the pool, and every pool holds at least two questions, so the same member never
   * gets the same question two weeks running while the phase stays the same.
   *
   * @param memberKey a stable key for the member, such as {@code slack:T123:U456}
   * @param isoWeek the member's ISO week, like {@code 2026-W09}
   * @throws IllegalArgumentException if {@code isoWeek} is not an ISO week
   */
  public Question pick(Phase phase, Role role, String memberKey, String isoWeek) {
    Objects.requireNonNull(memberKey, "memberKey");
    List<Question> pool = reflections(phase, role);
    // String.hashCode is specified by the JLS, so the start point is the same on every node.
    long position = (long) memberKey.hashCode() + weekNumber(isoWeek);
    return pool.get((int) Math.floorMod(position, (long) pool.size()));
  }

  /** A running count of ISO weeks, so that consecutive weeks differ by exactly one. */
  static long weekNumber(String isoWeek) {
    Matcher m = ISO_WEEK.matcher(isoWeek == null ? "" : isoWeek);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + isoWeek + "' is not an ISO week like 2026-W09.");
    }
    int year = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    LocalDate monday;
    try {
      monday =
          LocalDate.of(year, 1, 4)
              .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
              .with(DayOfWeek.MONDAY);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + isoWeek + "' is not an ISO week like 2026-W09.", e);
    }
    // java.time accepts week 53 of a 52-week year and rolls it into next year's week 1, which
    // would give two different keys the same rotation slot; refuse it instead.
    if (monday.get(IsoFields.WEEK_BASED_YEAR) != year) {
      throw new IllegalArgumentException("'" + isoWeek + "' is not an ISO week like 2026-W09.");
    }
    return Math.floorDiv(monday.toEpochDay(), 7);
  }

  /** The feedback-round questions for a member in this role, in file order. */
  public List<FeedbackQuestion> feedback(Role role) {
    return feedback.get(Objects.requireNonNull(role, "role"));
  }

  /** The wrap-up question that invites a mentee to mentor others. */
  public Question invitation() {
    return invitation;
  }

  /** The shape of the YAML file; unknown keys are refused so that typos do not pass silently. */
  record BankFile(
      Map<String, Map<String, List<Entry>>> reflection,
      Map<String, List<FeedbackEntry>> feedback,
      Entry invitation) {}

  record Entry(String id, String text) {}

  record FeedbackEntry(String id, String text, String low, String high, String comment) {}
}
