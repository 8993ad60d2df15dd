package org.nudge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Message;
import org.nudge.testing.Chat;

@DisplayName("CSV exports start no cell with a formula character")
class CsvInjectionTest {

  private static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";

  private final Chat chat = new Chat().withPair();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  @DisplayName("a member's export quotes a formula-like name or win as text, with a leading '")
  void memberExport() {
    // GIVEN a member named like a formula, whose wins start with -, + and @
    chat.say("alice", "/nudge prefs name " + HYPERLINK);
    chat.say("alice", "/win -1 bugs left");
    chat.say("alice", "/win +1 for pairing");
    chat.say("alice", "/win @(team) it shipped");
    chat.say("alice", "/advice =SUM(A1:A9) of small steps");

    // WHEN she exports as CSV
    String reply = chat.say("alice", "/nudge export csv");
    String csv = reply.substring(reply.indexOf("```\n") + 4, reply.lastIndexOf("\n```"));

    // THEN each such cell reads as text in a spreadsheet, and no cell starts a formula
    assertThat(csv)
        .contains("profile,2026-03-02T09:00:00Z,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        .contains("win,2026-03-02T09:00:00Z,\"'-1 bugs left\",\"\",false")
        .contains("\"'+1 for pairing\"")
        .contains("\"'@(team) it shipped\"")
        .contains("\"'=SUM(A1:A9) of small steps\"");
    assertNoFormula(csv);
    // AND the JSON export keeps exactly what she wrote
    assertThat(chat.say("alice", "/nudge export"))
        .contains("\"text\" : \"-1 bugs left\"")
        .contains("\"display_name\" : \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"");
  }

  @Test
  @DisplayName(
      "a lead's program export quotes a formula-like member name as text, with a leading '")
  void programExport() {
    // GIVEN a mentor named like a formula
    chat.say("maria", "/nudge prefs name " + HYPERLINK);

    // WHEN a lead exports the program
    chat.say("lead", "/nudge export program Spring");
    Message dm = chat.lastDmTo("lead");
    String csv = dm.attachments().get(0).content();

    // THEN the name is a text cell, and no cell starts a formula
    assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"alice\",kickoff,");
    assertNoFormula(csv);
  }

  private static void assertNoFormula(String csv) {
    for (String line : csv.lines().toList()) {
      for (String cell : cells(line)) {
        assertThat(cell).as("a cell of %s", line).doesNotStartWith("=");
        assertThat(cell).doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
        assertThat(cell).doesNotStartWith("\t").doesNotStartWith("\r");
      }
    }
  }

  /** The cells of one RFC 4180 line, unquoted, as a spreadsheet reads them. */
  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
