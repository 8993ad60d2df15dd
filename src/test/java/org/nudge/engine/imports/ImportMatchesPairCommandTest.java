package org.nudge.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;
import org.nudge.testing.Chat;

/**
 * Confirm writes its rows in batches, computed in memory; {@code /nudge pair} writes one pair at a
 * time and reads back as it goes. Both must leave the same database: same members, pairs and due
 * instants, same welcome messages and the same rows saying whom they are about.
 */
@DisplayName("An import leaves the same rows as /nudge pair for each of its pairs")
class ImportMatchesPairCommandTest {

  private static final List<String[]> PAIRS =
      List.of(
          new String[] {"maria", "alice"},
          new String[] {"olga", "ben"},
          new String[] {"ruth", "kim"},
          new String[] {"maria", "tom"});

  @Test
  @DisplayName("members, pairs, their first due instants, welcomes and outbox_about are identical")
  void sameRowsAsOneByOne() {
    Map<String, List<String>> byHand;
    Map<String, List<String>> imported;

    // GIVEN two Nudges at the same instant, where ruth has used Nudge once and tom leads nothing
    try (Chat chat = new Chat()) {
      before(chat);
      // WHEN the lead pairs four pairs one by one with /nudge pair
      for (String[] pair : PAIRS) {
        Reply reply =
            chat.engine()
                .handle(
                    Chat.inbound(
                        Chat.user("lead"), "/nudge pair @" + pair[0] + " @" + pair[1] + " Spring"));
        assertThat(reply.message().text()).startsWith("Paired " + pair[0]);
      }
      byHand = rows(chat);
    }
    try (Chat chat = new Chat()) {
      before(chat);
      // AND the other lead imports the same four pairs from a file
      chat.engine().handle(Chat.inbound(Chat.user("lead"), "/nudge import Spring"));
      StringBuilder csv = new StringBuilder("mentor,mentee\n");
      PAIRS.forEach(p -> csv.append(p[0]).append(',').append(p[1]).append('\n'));
      Reply dryRun =
          chat.engine()
              .handle(
                  new Inbound.Upload(
                      Chat.user("lead"),
                      "spring.csv",
                      csv.toString().getBytes(StandardCharsets.UTF_8),
                      null));
      Reply done =
          chat.engine()
              .handle(
                  new Inbound.ActionInvoked(
                      Chat.user("lead"),
                      "import:confirm",
                      Chat.button(dryRun.message(), "Confirm")));
      assertThat(done.message().text()).startsWith("Imported 4 pairs into Spring.");
      imported = rows(chat);
    }

    // THEN both databases hold the same rows, named by who they are rather than by id
    assertThat(imported.get("pair")).hasSize(4);
    assertThat(imported.get("outbox")).hasSize(8);
    assertThat(imported.get("outbox_about")).hasSize(8);
    assertThat(imported.get("member"))
        .anySatisfy(m -> assertThat(m).contains("user_id=alice").contains("next_prompt_at=2026"));
    for (String table : List.of("member", "pair", "outbox", "outbox_about")) {
      assertThat(imported.get(table)).as(table).isEqualTo(byHand.get(table));
    }
  }

  /** The program, and ruth known to Nudge before anyone is paired. */
  private static void before(Chat chat) {
    chat.engine()
        .handle(Chat.inbound(Chat.user("lead"), "/nudge program create Spring #mentoring"));
    chat.engine().handle(Chat.inbound(Chat.user("ruth"), "/nudge help"));
  }

  /** Every row of the tables a pairing writes, ids replaced by user ids, sorted. */
  private static Map<String, List<String>> rows(Chat chat) {
    return chat.database()
        .jdbi()
        .withHandle(
            h -> {
              Map<Long, String> members = names(h, "SELECT id, user_id AS name FROM member");
              Map<Long, String> pairs =
                  names(
                      h,
                      "SELECT p.id, m.user_id || '>' || e.user_id AS name FROM pair p"
                          + " JOIN member m ON m.id = p.mentor_id"
                          + " JOIN member e ON e.id = p.mentee_id");
              Map<Long, String> outbox = names(h, "SELECT id, idempotency_key AS name FROM outbox");
              Function<String, String> keyNames =
                  key -> {
                    for (Map.Entry<Long, String> p : pairs.entrySet()) {
                      key = key.replace("pair:" + p.getKey() + ":", "pair:" + p.getValue() + ":");
                    }
                    return key;
                  };
              Map<String, List<String>> rows = new HashMap<>();
              rows.put("member", dump(h, "SELECT * FROM member", row -> row.remove("id")));
              rows.put(
                  "pair",
                  dump(
                      h,
                      "SELECT * FROM pair",
                      row -> {
                        row.remove("id");
                        row.put("mentor_id", members.get(number(row.get("mentor_id"))));
                        row.put("mentee_id", members.get(number(row.get("mentee_id"))));
                        row.remove("program_id");
                      }));
              rows.put(
                  "outbox",
                  dump(
                      h,
                      "SELECT * FROM outbox",
                      row -> {
                        row.remove("id");
                        row.put(
                            "idempotency_key", keyNames.apply((String) row.get("idempotency_key")));
                      }));
              rows.put(
                  "outbox_about",
                  dump(
                      h,
                      "SELECT * FROM outbox_about",
                      row -> {
                        row.put("member_id", members.get(number(row.get("member_id"))));
                        row.put(
                            "outbox_id", keyNames.apply(outbox.get(number(row.get("outbox_id")))));
                      }));
              return rows;
            });
  }

  private static Map<Long, String> names(Handle h, String sql) {
    Map<Long, String> names = new HashMap<>();
    h.createQuery(sql)
        .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("name")))
        .forEach(e -> names.put(e.getKey(), e.getValue()));
    return names;
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static List<String> dump(
      Handle h, String sql, java.util.function.Consumer<Map<String, Object>> rename) {
    List<String> rows = new ArrayList<>();
    for (Map<String, Object> row : h.createQuery(sql).mapToMap().list()) {
      Map<String, Object> sorted = new TreeMap<>();
      row.forEach((k, v) -> sorted.put(k.toLowerCase(java.util.Locale.ROOT), v));
      rename.accept(sorted);
      rows.add(sorted.toString());
    }
    rows.sort(null);
    return rows;
  }
}
