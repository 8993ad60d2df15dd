package org.nudge.engine.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file a lead sent, read into rows by column name, or one sentence saying why it can't be
 * read. The file's limits are the ones README promises: at most {@link #MAX_BYTES}, at most {@link
 * #MAX_ROWS} rows under a header row, UTF-8 with or without a byte order mark, separated by {@code
 * ,} or {@code ;}, fields quoted as spreadsheets write them. Commons CSV does the reading; this
 * class only decides what a lead is told.
 */
public final class RosterFile {

  /** 5 MB: 10,000 rows of e-mail addresses and topics fit several times over. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  /** Rows below the header; a bigger roster is imported in parts. */
  public static final int MAX_ROWS = 10_000;

  /** The longest field Nudge keeps (names, e-mail addresses, topics). */
  static final int MAX_FIELD = 500;

  /** The columns of a file of pairs, in the order README lists them. */
  public static final List<String> PAIR_COLUMNS =
      List.of("mentor", "mentee", "cadence", "phase", "topics", "languages", "capacity");

  /** The columns of a roster without pairs (people enrolled for matching). */
  public static final List<String> ROSTER_COLUMNS =
      List.of("member", "role", "topics", "languages", "capacity");

  /** One data row: its line number in the file (the header is line 1) and its fields by column. */
  public record Row(int line, Map<String, String> fields) {
    public String get(String column) {
      return fields.getOrDefault(column, "");
    }
  }

  /** What is wrong with one line of the file, in words a lead acts on. */
  public record Problem(int line, String text) {
    @Override
    public String toString() {
      return "line " + line + ": " + text;
    }
  }

  /** What reading gave: either {@code problem} (the file as a whole) or the header and rows. */
  public record Read(
      String problem, List<String> header, List<Row> rows, List<Problem> lineErrors) {
    static Read refused(String problem) {
      return new Read(problem, List.of(), List.of(), List.of());
    }

    public boolean ok() {
      return problem == null;
    }

    /** Whether this is a roster of people ({@code member}, {@code role}) rather than pairs. */
    public boolean isRoster() {
      return header.contains("member");
    }
  }

  private RosterFile() {}

  /** Reads {@code content}; never throws for what a person may send. */
  public static Read read(byte[] content) {
    if (content == null || content.length == 0) {
      return Read.refused("The file is empty; send a CSV file whose first line names the columns.");
    }
    if (content.length > MAX_BYTES) {
      return Read.refused(
          "The file is "
              + megabytes(content.length)
              + " MB; I read CSV files of up to 5 MB, so split it and send the parts one at a"
              + " time.");
    }
    String binary = binaryKind(content);
    if (binary != null) {
      return Read.refused(
          "That is "
              + binary
              + ", not a CSV file; save the sheet as CSV (UTF-8) and send that file.");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return Read.refused(
          "The file isn't UTF-8 text (perhaps Latin-1 or UTF-16); save it as \"CSV UTF-8\" and"
              + " send it again.");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.indexOf('\0') >= 0) {
      return Read.refused(
          "That isn't a CSV file (it holds binary data); save the sheet as CSV (UTF-8) and send"
              + " that file.");
    }
    if (text.isBlank()) {
      return Read.refused("The file is empty; send a CSV file whose first line names the columns.");
    }
    return parse(text);
  }

  private static Read parse(String text) {
    int[] lineStarts = lineStarts(text);
    char separator = separator(text);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(separator)
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true)
            .setTrim(true)
            .get();
    List<Row> rows = new ArrayList<>();
    List<Problem> lineErrors = new ArrayList<>();
    List<String> header = null;
    try (CSVParser parser = CSVParser.parse(text, format)) {
      for (CSVRecord record : parser) {
        int line = lineOf(lineStarts, startOf(text, record.getCharacterPosition()));
        if (header == null) {
          Object checked = header(record);
          if (checked instanceof String problem) {
            return Read.refused(problem);
          }
          @SuppressWarnings("unchecked")
          List<String> names = (List<String>) checked;
          header = names;
          continue;
        }
        if (rows.size() + lineErrors.size() >= MAX_ROWS) {
          return Read.refused(
              "The file has more than "
                  + String.format(Locale.ENGLISH, "%,d", MAX_ROWS)
                  + " rows under the header; I take at most that many at a time, so split it and"
                  + " send the parts one at a time.");
        }
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue;
        }
        if (record.size() > header.size()) {
          lineErrors.add(
              new Problem(
                  line,
                  record.size()
                      + " fields, but the header names "
                      + header.size()
                      + " columns (a separator inside a name needs quotes)"));
          continue;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String tooLong = null;
        for (int i = 0; i < record.size(); i++) {
          String value = record.get(i).strip();
          if (value.length() > MAX_FIELD) {
            tooLong = header.get(i);
          }
          fields.put(header.get(i), value);
        }
        if (tooLong != null) {
          lineErrors.add(
              new Problem(line, "the " + tooLong + " is longer than " + MAX_FIELD + " characters"));
          continue;
        }
        rows.add(new Row(line, fields));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      // Commons CSV says where: "(line 7) EOF reached before encapsulated token finished".
      return Read.refused(
          "The file isn't valid CSV"
              + near(e)
              + ": a quoted field never ends; check the quotes and send it again.");
    }
    if (header == null) {
      return Read.refused("The file is empty; send a CSV file whose first line names the columns.");
    }
    return new Read(null, header, rows, lineErrors);
  }

  /** The header's column names (lower case), or the sentence saying what is wrong with it. */
  private static Object header(CSVRecord record) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String raw : record) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        return "The first line names the columns, and one of them has no name; the columns are "
            + String.join(", ", PAIR_COLUMNS)
            + ", in any order.";
      }
      if (!seen.add(name)) {
        return "The column " + name + " appears twice in the first line; keep one.";
      }
      names.add(name);
    }
    boolean roster = names.contains("member");
    List<String> known = roster ? ROSTER_COLUMNS : PAIR_COLUMNS;
    for (String name : names) {
      if (!known.contains(name)) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return "I don't know the column \""
            + shown
            + "\"; a file of pairs has the columns "
            + String.join(", ", PAIR_COLUMNS)
            + " (mentor and mentee required, any order), so remove or rename it and send the"
            + " file again.";
      }
    }
    if (roster) {
      if (!names.contains("role")) {
        return "A roster of people needs the columns member and role (mentor or mentee).";
      }
      return names;
    }
    if (!names.contains("mentor") || !names.contains("mentee")) {
      return "The first line must name the columns, with at least mentor and mentee, like"
          + " `mentor,mentee,cadence`; this file's first line doesn't.";
    }
    return names;
  }

  /** {@code ;} when the header line has more of them than commas (a European spreadsheet). */
  private static char separator(String text) {
    int end = text.indexOf('\n');
    String first = end < 0 ? text : text.substring(0, end);
    long semicolons = first.chars().filter(c -> c == ';').count();
    long commas = first.chars().filter(c -> c == ',').count();
    return semicolons > commas ? ';' : ',';
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n' && i + 1 < text.length()) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Where a record's first character is: Commons CSV counts the empty lines it skipped before. */
  private static long startOf(String text, long position) {
    long at = position;
    while (at < text.length() && (text.charAt((int) at) == '\n' || text.charAt((int) at) == '\r')) {
      at++;
    }
    return at;
  }

  /** The 1-based line a character position falls on. */
  private static int lineOf(int[] lineStarts, long position) {
    int found = Arrays.binarySearch(lineStarts, (int) position);
    return (found >= 0 ? found : -found - 2) + 1;
  }

  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private static String near(Exception e) {
    Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
    return m.find() ? " near line " + m.group(1) : "";
  }

  /** What kind of binary file {@code content} starts like, or null when it could be text. */
  private static String binaryKind(byte[] content) {
    if (startsWith(content, 'P', 'K', 3, 4)) {
      return "a zip file (an Excel or Numbers workbook is one)";
    }
    if (startsWith(content, '%', 'P', 'D', 'F')) {
      return "a PDF";
    }
    if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
      return "an old Excel workbook";
    }
    if (startsWith(content, 0x89, 'P', 'N', 'G') || startsWith(content, 0xFF, 0xD8, 0xFF)) {
      return "an image";
    }
    return null;
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ENGLISH, "%.1f", bytes / (1024.0 * 1024.0));
  }
}
