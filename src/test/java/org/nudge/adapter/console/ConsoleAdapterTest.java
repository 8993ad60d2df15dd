package org.nudge.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.app.Nudge;
import org.nudge.config.ConfigLoader;
import org.nudge.config.NudgeConfig;
import org.nudge.engine.Directory;
import org.nudge.engine.Features;
import org.nudge.engine.delivery.Dispatcher;
import org.nudge.engine.imports.RosterFile;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.LiveMentions;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.rhythm.Sweep;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;

@DisplayName("The console adapter")
class ConsoleAdapterTest {

  @TempDir Path dir;

  private String run(String script, SimulatedClock clock) throws Exception {
    return run(dir, Map.of(), clock, ConsoleAdapter.DEFAULT_CHARTS, script);
  }

  /**
   * Runs {@code script} through a console Nudge whose H2 file is in {@code dir}, with {@code env}
   * added to its configuration and charts written under {@code charts}; what it printed. A null
   * {@code clock} is real time.
   */
  static String run(
      Path dir, Map<String, String> env, SimulatedClock clock, Path charts, String script)
      throws Exception {
    Map<String, String> settings = new HashMap<>(env);
    settings.put("NUDGE_CONFIG", "config/nudge.yaml");
    settings.put("NUDGE_DB_URL", "jdbc:h2:file:" + dir.resolve("nudge"));
    NudgeConfig config = new ConfigLoader().load(settings);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Clock time = clock != null ? clock : Clock.systemUTC();
    try (Nudge nudge = Nudge.start(config, time)) {
      Features features = nudge.features(Directory.none());
      Dispatcher dispatcher =
          nudge.dispatcher(
              features,
              List.of(
                  ConsoleAdapter.gateway(out, time, ConsoleAdapter.zonesOf(nudge.store()), charts)),
              "console");
      Sweep sweep = nudge.sweep(features);
      new ConsoleAdapter(
              nudge.engine(features),
              dispatcher,
              out,
              clock,
              () -> {
                sweep.run();
                dispatcher.drain();
              },
              charts)
          .run(new BufferedReader(new StringReader(script)), true);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the shipped demo creates a program and a pair, logs a win and tells the partner")
  void demo() throws Exception {
    // as Main does for a script piped in: simulated time
    String output =
        run(
            Files.readString(Path.of("config/demo.txt")),
            new SimulatedClock(Instant.now(), Database.PRECISION));

    assertThat(output)
        .contains("[reply to lead] Program Spring created.")
        .contains("[reply to lead] Paired maria (mentor) with alice (mentee) in Spring.")
        .contains("[dm to maria] 🎉 alice logged a win: shipped the parser #backend")
        .contains("[#mentoring] 🌟 alice shared a win")
        .contains("You typed: /wim fixed the flaky test")
        .contains("You typed: /nudge pair @maria @bob")
        // a week of prompts, an answer shared, a reminder and a feedback round
        .contains("[Fri 15:00 Asia/Kolkata] [dm to alice] 🪞 Your reflection for this week:")
        .contains("[dm to maria] alice shared a reflection with you.")
        .contains("[dm to maria] 🌱 alice tried your advice")
        .contains("[dm to alice] ⏰ It's been 14 days since you and maria were paired.")
        .contains("[Mon 14:30 Asia/Kolkata] [dm to alice] 💬 A quick word on how the mentoring")
        .contains("[dm to maria] alice shared feedback on your mentoring: 5 out of 5")
        // a program enrolling in the form and by typed words, matched with reasons, confirmed
        .contains("You're enrolled in Autumn as a mentee, seeking public speaking, career growth")
        .contains("ken mentors ana: both speak English; 1 of 2 topics: public speaking")
        .contains("maria mentors bo: both speak Spanish; the topic: testing")
        .contains("Made 2 pairs in Autumn")
        // Autumn's pairs are welcomed together in their spaces
        .contains("[group ken+ana] 👋 Welcome, ken and ana!")
        .contains("[group maria+bo] 👋 Welcome, maria and bo!")
        .doesNotContain("<@")
        .doesNotContain("Exception");
  }

  @Test
  @DisplayName("the engine's live mentions and a member's mentions both print as @handle")
  void mentionsPrintAsHandles() {
    String text = LiveMentions.of("alice") + ", thanks to <@bob> in <#mentoring>";
    assertThat(ConsoleRenderer.plain(text)).isEqualTo("@alice, thanks to @bob in #mentoring");
    // a forged live mention typed at the console is only a reference, as if typed @alice
    assertThat(
            ConsoleAdapter.parse(
                new UserRef(ConsoleAdapter.PLATFORM, ConsoleAdapter.WORKSPACE, "sam"),
                "/win " + LiveMentions.of("alice") + " shipped"))
        .isEqualTo(
            new Inbound.Command(
                new UserRef(ConsoleAdapter.PLATFORM, ConsoleAdapter.WORKSPACE, "sam"),
                "win",
                "<@alice> shipped",
                null));
  }

  @Test
  @DisplayName("a second run on the same data directory remembers the first")
  void persistsAcrossRuns() throws Exception {
    run(
        "@lead /nudge program create Spring\n@lead /nudge pair @maria @alice\n@alice /win first!\n",
        null);

    String second = run("@alice /nudge export csv\n@lead /nudge program list\n", null);

    assertThat(second).contains("\"first!\"").contains("maria mentors alice");
  }

  @Test
  @DisplayName("a lead imports the sample CSV with :upload: a dry run, Confirm, then welcomes")
  void importSample() throws Exception {
    String output =
        run(
            "@lead /nudge program create Spring #mentoring\n"
                + "@lead /nudge import Spring\n"
                + "@lead :upload config/sample-pairs.csv\n"
                + "@lead :press import:confirm 1\n"
                + "@lead /nudge import Spring\n"
                + "@lead :upload config/sample-pairs.csv\n"
                + "@lead :upload no/such/file.csv\n"
                + "@lead :upload\n",
            null);

    assertThat(output)
        .contains(
            "[reply to lead] Dry run of sample-pairs.csv for Spring: 3 pairs new, 0 already there")
        .contains("[Confirm import] :press import:confirm 1")
        .contains("[reply to lead] Imported 3 pairs into Spring. I've welcomed them all.")
        .contains("[dm to alice] 👋 You're paired with maria as your mentor in Spring.")
        .contains("aim to meet every 14 days")
        .contains("[dm to kim] 👋 You're paired with ruth")
        .contains(
            "[reply to lead] Every pair in sample-pairs.csv is already in Spring (3 pairs);"
                + " nothing to import, nothing changed.")
        .contains("[reply to lead] There's no file at no/such/file.csv")
        .contains("[reply to lead] Name the file to send");
  }

  @Test
  @DisplayName("a group program's pair gets its welcome and reminders as [group maria+alice]")
  void pairSpace() throws Exception {
    String output =
        run(
            ":clock 2026-03-02T09:00Z\n"
                + "@lead /nudge program create Spring #mentoring\n"
                + "@lead /nudge program space Spring group\n"
                + "@lead /nudge pair @maria @alice Spring\n"
                + ":advance 16d\n",
            new SimulatedClock(Instant.parse("2026-03-02T09:00:00Z"), Database.PRECISION));

    assertThat(output)
        .contains("[reply to lead] Each new pair in Spring will get a shared space with me")
        .contains("[group maria+alice] 👋 Welcome, maria and alice!")
        .contains("[group maria+alice] ⏰ alice, it's been")
        .doesNotContain("[dm to alice] 👋")
        .doesNotContain("[dm to alice] ⏰")
        .doesNotContain("Exception");
  }

  @Test
  @DisplayName(
      "a 10,000-line file uploaded in the console: dry run counts, Confirm, 20,000 welcomes")
  void importTenThousandLines() throws Exception {
    Path big = dir.resolve("big.csv");
    StringBuilder csv = new StringBuilder("mentor,mentee\n");
    for (int i = 0; i < 10_000; i++) {
      csv.append("mentor").append(i).append(",mentee").append(i).append('\n');
    }
    Files.writeString(big, csv);

    String output =
        run(
            "@lead /nudge program create Spring #mentoring\n"
                + "@lead /nudge import Spring\n"
                + "@lead :upload "
                + big
                + "\n@lead :press import:confirm 1\n",
            null);

    assertThat(output)
        .contains(
            "[reply to lead] Dry run of big.csv for Spring: 10,000 pairs new, 0 already there")
        .contains("[reply to lead] Imported 10,000 pairs into Spring. I've welcomed them all.")
        .contains("[dm to mentee0] 👋 You're paired with mentor0 as your mentor in Spring.")
        .contains("[dm to mentor9999] 👋 You're mentoring mentee9999 in Spring.");
    assertThat(output.lines().filter(l -> l.contains("👋 You're")).count()).isEqualTo(20_000);
  }

  @Test
  @DisplayName(
      "a file with bad lines, uploaded in the console, names each line; other files a sentence")
  void importBadLines() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "mentor;mentee;cadence\nmaria;alice;daily\nolga;olga;\n");
    Path latin = dir.resolve("latin.csv");
    Files.write(latin, "mentor,mentee\nJos\u00e9,ana\n".getBytes(StandardCharsets.ISO_8859_1));
    Path image = dir.resolve("photo.png");
    Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    Path big = dir.resolve("big.csv");
    Files.write(big, new byte[RosterFile.MAX_BYTES + 1]);
    String output =
        run(
            "@lead /nudge program create Spring\n"
                + "@lead /nudge import Spring\n"
                + "@lead :upload "
                + bad
                + "\n@lead :upload "
                + latin
                + "\n@lead :upload "
                + image
                + "\n@lead :upload "
                + big
                + "\n@lead /nudge program list\n",
            null);

    assertThat(output)
        .contains("but 2 lines have problems; nothing was imported yet:")
        .contains("• line 2: cadence must be weekly, biweekly or monthly, not 'daily'")
        .contains("• line 3: the mentor and the mentee are the same person")
        .contains("The file isn't UTF-8 text")
        .contains("That is an image, not a CSV file")
        .contains("[reply to lead] That file is larger than 5 MB, so I didn't read it")
        .contains("*Spring* (no channel), 0 pairs");
  }

  @Test
  @DisplayName("lines without a speaker, and :advance without a simulated clock, get a sentence")
  void badLines() throws Exception {
    String output = run("hello\n@alice\n:advance 1d\n", null);

    assertThat(output)
        .contains("[console] Start each line with who is speaking")
        .contains("[reply to alice] Say something after your name.")
        .contains("Time only moves with --simulated-clock");
  }

  @Test
  @DisplayName("with a simulated clock, :advance moves time and bad amounts are refused")
  void advance() throws Exception {
    SimulatedClock clock =
        new SimulatedClock(Instant.parse("2026-03-02T09:00:00Z"), Database.PRECISION);

    String output = run(":advance 7d\n:advance soon\n", clock);

    assertThat(output)
        .contains("[console] It is now 2026-03-09T09:00:00Z.")
        .contains("You typed: :advance soon");
  }

  @Test
  @DisplayName("the simulated time is kept with the data, so a later run continues from it")
  void simulatedTimePersists() throws Exception {
    SimulatedClock first =
        new SimulatedClock(Instant.parse("2026-03-02T09:00:00Z"), Database.PRECISION);
    run(":advance 3d\n", first);
    assertThat(first.instant()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
    try (Nudge nudge =
        Nudge.start(
            new ConfigLoader()
                .load(
                    Map.of(
                        "NUDGE_CONFIG",
                        "config/nudge.yaml",
                        "NUDGE_DB_URL",
                        "jdbc:h2:file:" + dir.resolve("nudge"))),
            first)) {
      first.save(nudge.store());
      assertThat(SimulatedClock.resume(nudge.store(), "", Instant.EPOCH))
          .isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
      assertThat(SimulatedClock.resume(nudge.store(), "2026-04-01T08:00Z", Instant.EPOCH))
          .isEqualTo(Instant.parse("2026-04-01T08:00:00Z"));
    }
    assertThat(run(":clock yesterday\n", first)).contains("Say the time as an instant");
  }

  @Test
  @DisplayName("buttons and forms are shown with the line that answers them")
  void rendering() {
    var message =
        new org.nudge.engine.model.Message(
            "Hi <@alice>, see <#team>",
            List.of(org.nudge.engine.model.Action.Button.of("reflect:skip", "Skip", "w1")));

    assertThat(ConsoleRenderer.render("[dm to alice]", message))
        .isEqualTo("[dm to alice] Hi @alice, see #team\n    [Skip] :press reflect:skip w1");
  }
}
