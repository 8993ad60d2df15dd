package org.nudge.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.model.Chart;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.testing.Chat;
import org.nudge.testing.RecordingGateway.Sent;

@DisplayName("The digest's trend chart: twelve weeks the engine counted, drawn as a PNG")
class TrendChartTest {

  /** Monday 25 May 2026, 09:00 UTC: the twelfth weekly digest of a program made on 2 March. */
  static final Instant TWELFTH_DIGEST = Instant.parse("2026-05-25T09:00:00Z");

  static final Chat chat = new Chat();

  /** Wins alice logs in each of the twelve weeks: the line the chart must show. */
  static final int[] WINS = {1, 3, 0, 2, 4, 1, 5, 2, 3, 0, 6, 2};

  /**
   * Twelve weeks of a program seeded through the engine: three pairs, wins that vary by week, a
   * check-in every other week, and answers to about half the reflection prompts.
   */
  @BeforeAll
  static void twelveWeeks() {
    chat.say("lead", "/nudge program create Spring #mentoring");
    chat.say("lead", "/nudge pair @maria @alice Spring");
    chat.say("lead", "/nudge pair @tom @bea Spring");
    for (int week = 0; week < 12; week++) {
      if (week == 4) {
        chat.say("lead", "/nudge pair @ines @carl Spring");
      }
      chat.advance(Duration.ofHours(2), Duration.ofHours(1));
      for (int w = 0; w < WINS[week]; w++) {
        chat.say("alice", "/win step " + week + "." + w);
      }
      if (week % 2 == 0) {
        chat.say("alice", "/checkin went through the plan");
      }
      // Friday's reflection prompts arrive; alice answers them in the second half.
      chat.advance(Duration.ofDays(4).plusHours(8), Duration.ofHours(1));
      if (week >= 6) {
        chat.say("alice", "I learned to split the work " + week);
        chat.say("alice", "pair on the next one");
        chat.say("alice", "private");
      }
      chat.advance(
          Duration.between(chat.clock.instant(), Chat.START.plus(Duration.ofDays(7L * (week + 1)))),
          Duration.ofHours(1));
    }
    chat.advance(Duration.ofHours(1), Duration.ofMinutes(30));
  }

  @AfterAll
  static void close() {
    chat.close();
  }

  private static Message twelfthLeadsDigest() {
    List<Sent> toLead =
        chat.platform.sent().stream()
            .filter(
                s -> s.to() instanceof ConversationRef.Direct d && d.user().userId().equals("lead"))
            .filter(s -> s.message().text().startsWith("*🔒"))
            .filter(s -> s.at().equals(TWELFTH_DIGEST))
            .toList();
    assertThat(toLead).hasSize(1);
    return toLead.get(0).message();
  }

  @Test
  @DisplayName(
      "the scheduled digest carries the last twelve weeks as counted by each week's digest, and"
          + " says the trend in words")
  void scheduledDigestCarriesTwelveWeeks() {
    Chart chart = twelfthLeadsDigest().chart();

    assertThat(chart).isNotNull();
    assertThat(chart.weeks()).hasSize(12).startsWith("2 Mar").endsWith("18 May");
    Chart.Series wins = series(chart, "Wins logged");
    List<Double> expected = new ArrayList<>();
    for (int w : WINS) {
      expected.add((double) w);
    }
    assertThat(wins.values()).isEqualTo(expected);
    assertThat(series(chart, "Active pairs").values()).startsWith(2.0).endsWith(3.0);
    Chart.Series answered = series(chart, "Prompts answered");
    assertThat(answered.values().get(0)).isEqualTo(0.0);
    assertThat(answered.values().subList(9, 12)).allMatch(rate -> rate > 0);
    assertThat(chart.altText())
        .startsWith("Trend chart of Spring, weekly from 2 Mar to 18 May.")
        .contains("Prompts answered rose from about 0% to")
        .contains("Active pairs rose from about 2 to 3");
    // The digest's own text counts the same last week: the picture's last point is the digest.
    assertThat(twelfthLeadsDigest().text()).isNotEmpty();
    List<Sent> channelPosts =
        chat.platform.sent().stream()
            .filter(s -> s.at().equals(TWELFTH_DIGEST) && s.to() instanceof ConversationRef.Channel)
            .toList();
    assertThat(channelPosts)
        .singleElement()
        .satisfies(s -> assertThat(s.message().text()).contains("• Wins: " + WINS[11] + " logged"));
  }

  @Test
  @DisplayName(
      "the PNG decodes: its size, a line in each panel, and a point for each of the 12 weeks")
  void pngDecodes() throws Exception {
    Chart chart = twelfthLeadsDigest().chart();

    byte[] png = TrendPng.draw(chart);
    Path out = Path.of("target", "digest-chart.png");
    Files.createDirectories(out.getParent());
    Files.write(out, png);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(TrendPng.WIDTH);
    assertThat(image.getHeight()).isGreaterThan(4 * TrendPng.PANEL_HEIGHT);
    // Each series has its own colour: each panel drew its line.
    for (int colour : new int[] {0x0072B2, 0xD55E00, 0x009E73, 0x7A5195}) {
      assertThat(pixels(image, colour)).as("pixels of %06x", colour).isGreaterThan(200);
    }
    // Active pairs has a value every week: twelve round markers, as twelve columns of its colour
    // taller than its level line is thick (4 px).
    assertThat(markers(image, 0x7A5195)).isEqualTo(12);
    assertThat(png.length).isLessThan(200_000);
  }

  private static Chart.Series series(Chart chart, String name) {
    return chart.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static int pixels(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  /** Runs of columns where {@code rgb} spans at least 10 pixels vertically: the round markers. */
  static int markers(BufferedImage image, int rgb) {
    int runs = 0;
    boolean inRun = false;
    for (int x = 0; x < image.getWidth(); x++) {
      int top = -1;
      int bottom = -1;
      int longest = 0;
      int current = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          current++;
          longest = Math.max(longest, current);
        } else {
          current = 0;
        }
      }
      boolean tall = longest >= 10;
      if (tall && !inRun) {
        runs++;
      }
      inRun = tall;
    }
    return runs;
  }
}
