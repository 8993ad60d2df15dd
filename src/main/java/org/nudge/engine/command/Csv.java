package org.nudge.engine.command;

import java.util.Locale;

/**
 * Writes CSV (RFC 4180) that is safe to open in a spreadsheet: every export Nudge writes goes
 * through here. A cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return would be run as a formula by Excel, LibreOffice or Google Sheets ({@code
 * =HYPERLINK(...)} as a display name), so such a cell gets a leading single quote, which those
 * applications read as "this is text" and OWASP recommends.
 */
public final class Csv {

  private final StringBuilder out;

  /** A CSV document starting with its header line. */
  public Csv(String header) {
    this.out = new StringBuilder(header);
  }

  /** A file-name stem from a name: lower case, letters and digits, dashes between. */
  public static String fileStem(String name) {
    String stem =
        name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
    return stem.isEmpty() ? "program" : stem;
  }

  /** Adds a line of cells, each already written by {@link #text} or {@link #value}. */
  public Csv row(String... cells) {
    out.append('\n').append(String.join(",", cells));
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** A cell of text a person wrote or named: always quoted, quotes doubled, formulas disarmed. */
  public static String text(String value) {
    return '"' + disarmed(value == null ? "" : value).replace("\"", "\"\"") + '"';
  }

  /**
   * A cell Nudge wrote itself (a kind, a count, an instant, a flag): as it is, and like {@link
   * #text} if it could be read as a formula or holds a comma, quote or line break.
   */
  public static String value(Object value) {
    String s = value == null ? "" : value.toString();
    return isFormula(s) || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
        ? text(s)
        : s;
  }

  private static String disarmed(String value) {
    return isFormula(value) ? "'" + value : value;
  }

  private static boolean isFormula(String value) {
    return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
  }
}
