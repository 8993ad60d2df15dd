package org.nudge.adapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.engine.time.SimulatedClock;
import org.nudge.storage.Database;

@DisplayName("The console's charts and dashboard links")
class ConsoleChartTest {

  @TempDir Path dir;

  @Test
  @DisplayName(
      "a digest preview and a posted digest write the chart as a PNG under the data directory and"
          + " print its path; /nudge dashboard prints the link in the lead's DM")
  void chartFilesAndLink() throws Exception {
    Path charts = dir.resolve("charts");
    String output =
        ConsoleAdapterTest.run(
            dir,
            Map.of("NUDGE_PUBLIC_URL", "https://nudge.example.org/"),
            new SimulatedClock(Instant.parse("2026-03-02T09:00:00Z"), Database.PRECISION),
            charts,
            String.join(
                "\n",
                "@lead /nudge program create Spring #mentoring",
                "@lead /nudge pair @maria @alice Spring",
                "@alice /win shipped the parser",
                ":advance 8d",
                "@lead /nudge digest preview",
                "@lead /nudge dashboard",
                ""));

    Matcher paths = Pattern.compile("📈 Chart: (\\S+\\.png)").matcher(output);
    int found = 0;
    while (paths.find()) {
      Path png = Path.of(paths.group(1));
      assertThat(png).startsWith(charts).exists();
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isPositive();
      found++;
    }
    // the scheduled digest's leads' part (a DM: the program has no leads' channel) and the preview
    assertThat(found).isEqualTo(2);
    assertThat(output).contains("Trend chart of Spring, weekly from");
    assertThat(output)
        .contains("[reply to lead] I've sent you a link to Spring's dashboard in a DM.")
        .containsPattern(
            "\\[dm to lead\\] 📈 Spring's dashboard, for you alone .*\\n"
                + "https://nudge\\.example\\.org/dashboard\\?p=\\d+&t=[\\w-]+\\.[\\w-]+");
    assertThat(Files.list(charts).count()).isEqualTo(2);
  }
}
