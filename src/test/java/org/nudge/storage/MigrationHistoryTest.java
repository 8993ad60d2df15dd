package org.nudge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.testing.GeneratedFiles;

/**
 * Migrations that have landed are history: databases out there have run them. One edited after it
 * landed (its checksum changed) makes every such database refuse to start, and a new one numbered
 * below one that landed (a V19 written after V21) is refused by Flyway as out of order on a
 * database already at V21, while a fresh test database accepts both. {@code
 * src/test/resources/migrations-landed.txt} lists every landed migration with its checksum; a new
 * migration is added to it with {@code -Dnudge.regenerate=true}, which appends only versions above
 * the last one.
 */
@DisplayName("Migrations that landed")
class MigrationHistoryTest {

  private static final Path LANDED = Path.of("src/test/resources/migrations-landed.txt");

  @Test
  @DisplayName("are never edited, and a new one is numbered above all of them")
  void landedMigrationsStay() throws IOException {
    Map<String, MigrationInfo> resolved = resolved();
    Map<String, String> landed = landed();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : landed.entrySet()) {
      MigrationInfo now = resolved.get(entry.getKey());
      if (now == null) {
        problems.add("V" + entry.getKey() + " has landed but is gone: restore it");
      } else if (!entry.getValue().equals(checksum(now))) {
        problems.add(
            "V"
                + entry.getKey()
                + " has landed and was edited: restore it and add a new migration instead");
      }
    }
    int last = landed.keySet().stream().mapToInt(Integer::parseInt).max().orElse(0);
    List<MigrationInfo> added =
        resolved.values().stream().filter(m -> !landed.containsKey(version(m))).toList();
    for (MigrationInfo m : added) {
      if (Integer.parseInt(version(m)) < last) {
        problems.add(
            "V"
                + version(m)
                + " is numbered below V"
                + last
                + ", which has landed: a database already at V"
                + last
                + " would refuse it; number it V"
                + (last + 1)
                + " or above");
      }
    }
    if (problems.isEmpty() && !added.isEmpty() && Boolean.getBoolean(GeneratedFiles.REGENERATE)) {
      StringBuilder more = new StringBuilder();
      added.forEach(m -> more.append(line(m)).append('\n'));
      Files.writeString(
          LANDED, Files.readString(LANDED, StandardCharsets.UTF_8) + more, StandardCharsets.UTF_8);
      return;
    }
    assertThat(problems).as("problems with the migrations' history").isEmpty();
    assertThat(added.stream().map(MigrationHistoryTest::line).toList())
        .as(
            "new migrations not yet listed in %s; list them with `mvn -B -o test"
                + " -Dtest=MigrationHistoryTest -D%s=true`",
            LANDED, GeneratedFiles.REGENERATE)
        .isEmpty();
  }

  /** Every migration Flyway finds, by version, as a database with none applied sees them. */
  private static Map<String, MigrationInfo> resolved() {
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:history-" + UUID.randomUUID());
    Map<String, MigrationInfo> byVersion = new LinkedHashMap<>();
    for (MigrationInfo m :
        Flyway.configure().dataSource(empty).locations(Database.MIGRATIONS).load().info().all()) {
      byVersion.put(version(m), m);
    }
    return byVersion;
  }

  private static Map<String, String> landed() throws IOException {
    Map<String, String> landed = new LinkedHashMap<>();
    for (String line : Files.readAllLines(LANDED, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split(" ", 3);
      landed.put(words[0], words[1]);
    }
    return landed;
  }

  private static String line(MigrationInfo m) {
    return version(m) + " " + checksum(m) + " " + m.getDescription();
  }

  private static String version(MigrationInfo m) {
    return m.getVersion().getVersion();
  }

  /** Flyway's checksum of an SQL migration; Java migrations have none ("-"). */
  private static String checksum(MigrationInfo m) {
    return Objects.toString(m.getChecksum(), "-");
  }
}
