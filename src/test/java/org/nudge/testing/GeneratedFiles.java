package org.nudge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Checks that a shipped file's generated part is what the code generates now (README's command
 * table, the Slack manifest's commands), or rewrites it when the tests run with {@code
 * -Dnudge.regenerate=true}, so that a changed command is one command away from current docs.
 */
public final class GeneratedFiles {

  public static final String REGENERATE = "nudge.regenerate";

  private GeneratedFiles() {}

  /**
   * Asserts that {@code file} equals {@code render} applied to it; with {@code
   * -Dnudge.regenerate=true}, writes that instead. {@code test} names the test class to run.
   */
  public static void assertCurrent(Path file, UnaryOperator<String> render, String test) {
    String shipped = read(file);
    String generated = render.apply(shipped);
    if (Boolean.getBoolean(REGENERATE)) {
      write(file, generated);
      return;
    }
    assertThat(shipped)
        .as(
            "%s differs from what the command specs generate; rewrite it with `mvn -B -o test"
                + " -Dtest=%s -D%s=true`, then review and commit the change",
            file, test, REGENERATE)
        .isEqualTo(generated);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
