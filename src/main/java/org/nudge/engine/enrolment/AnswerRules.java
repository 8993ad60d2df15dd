package org.nudge.engine.enrolment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.command.TextRules;
import org.nudge.engine.domain.Enrolments.Answers;
import org.nudge.engine.domain.Enrolments.Settings;
import org.nudge.engine.prompts.Role;

/**
 * Reads enrolment answers, whether typed ({@code topics a, b; languages en, es; capacity 2}) or
 * given in the form's fields, and checks them against the program: topics from its list, languages
 * Nudge knows, a mentor's capacity of 1 to 5, a short line of hope. A problem is one sentence
 * saying what to type.
 */
final class AnswerRules {

  static final int MIN_CAPACITY = 1;
  static final int MAX_CAPACITY = 5;
  static final int MAX_HOPE = 500;
  static final int MAX_LANGUAGES = 5;

  /** The answers, or the one sentence that says what was wrong. */
  record Result(Answers answers, String problem) {
    static Result problem(String sentence) {
      return new Result(null, sentence);
    }

    boolean ok() {
      return answers != null;
    }
  }

  private AnswerRules() {}

  /** The typed words, split into the form's fields by their first word. */
  static Optional<Map<String, String>> typed(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      String[] words = p.split("\\s+", 2);
      String key = words[0].toLowerCase(Locale.ROOT);
      String value = words.length > 1 ? words[1].strip() : "";
      switch (key) {
        case "topics", "topic" -> fields.put(EnrolForm.TOPICS, value);
        case "languages", "language" -> fields.put(EnrolForm.LANGUAGES, value);
        case "capacity" -> fields.put(EnrolForm.CAPACITY, value);
        case "hope", "hoping" -> fields.put(EnrolForm.HOPE, value);
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(fields);
  }

  /** Checks the fields for {@code role} in a program with {@code settings}. */
  static Result read(
      Settings settings, long memberId, Role role, Map<String, String> fields, String example) {
    String topicsText = fields.getOrDefault(EnrolForm.TOPICS, "").strip();
    List<String> topics = new ArrayList<>();
    if (!settings.topics().isEmpty()) {
      for (String typed : topicsText.split(",")) {
        if (typed.isBlank()) {
          continue;
        }
        Optional<String> known =
            settings.topics().stream().filter(t -> t.equalsIgnoreCase(typed.strip())).findFirst();
        if (known.isEmpty()) {
          return Result.problem(
              "“"
                  + typed.strip()
                  + "” isn't one of the program's topics; choose from "
                  + String.join(", ", settings.topics())
                  + ".");
        }
        if (!topics.contains(known.get())) {
          topics.add(known.get());
        }
      }
      if (topics.isEmpty()) {
        return Result.problem(
            "Choose at least one topic "
                + (role == Role.MENTOR ? "you offer" : "you seek")
                + " from "
                + String.join(", ", settings.topics())
                + ", like `"
                + example
                + "`.");
      }
    }
    Set<String> languages = new LinkedHashSet<>();
    for (String typed : fields.getOrDefault(EnrolForm.LANGUAGES, "").split(",")) {
      if (typed.isBlank()) {
        continue;
      }
      String code = Languages.code(typed);
      if (code == null) {
        return Result.problem(
            "I don't know the language “"
                + typed.strip()
                + "”; write a code like en, es or pt, or a name like Spanish.");
      }
      languages.add(code);
    }
    if (languages.isEmpty() || languages.size() > MAX_LANGUAGES) {
      return Result.problem(
          "Tell me 1 to "
              + MAX_LANGUAGES
              + " languages you can mentor in, separated by commas, like `languages en, es`.");
    }
    int capacity = 1;
    if (role == Role.MENTOR) {
      String typed = fields.getOrDefault(EnrolForm.CAPACITY, "").strip();
      try {
        capacity = typed.isEmpty() ? 1 : Integer.parseInt(typed);
      } catch (NumberFormatException e) {
        capacity = -1;
      }
      if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
        return Result.problem(
            "A mentor takes "
                + MIN_CAPACITY
                + " to "
                + MAX_CAPACITY
                + " mentees at once; write it as a number, like `capacity 2`.");
      }
    } else if (!fields.getOrDefault(EnrolForm.CAPACITY, "").isBlank()) {
      return Result.problem("Only mentors give a capacity; leave it out as a mentee.");
    }
    String hope = fields.getOrDefault(EnrolForm.HOPE, "").strip();
    if (!hope.isEmpty()) {
      Optional<String> problem =
          TextRules.problem(hope, MAX_HOPE, "line of what you hope for", "hope to speak up more");
      if (problem.isPresent()) {
        return Result.problem(problem.get());
      }
    }
    return new Result(
        new Answers(
            settings.programId(),
            memberId,
            role,
            topics,
            List.copyOf(languages),
            capacity,
            hope.isEmpty() ? null : hope),
        null);
  }
}
