package org.nudge.engine.enrolment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Languages as people type them, a code ({@code es}) or an English name ({@code Spanish}), kept as
 * ISO 639 codes and said as names. The JDK knows them all.
 */
final class Languages {

  private static final Map<String, String> CODES = new HashMap<>();

  static {
    for (String code : Locale.getISOLanguages()) {
      CODES.put(code, code);
      CODES.put(name(code).toLowerCase(Locale.ROOT), code);
    }
  }

  private Languages() {}

  /** The code of a typed language, or null when it is none Nudge knows. */
  static String code(String typed) {
    return CODES.get(typed.strip().toLowerCase(Locale.ROOT));
  }

  /** The language's English name: "Spanish". */
  static String name(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() ? code : name;
  }

  /** "Spanish or Portuguese". */
  static String names(List<String> codes, String joiner) {
    List<String> names = codes.stream().map(Languages::name).toList();
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " "
        + joiner
        + " "
        + names.get(names.size() - 1);
  }
}
