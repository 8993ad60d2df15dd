package org.nudge.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The code explains itself with documents a reader of this repository has: every {@code .md} file
 * it names is in the repository, as written from the repository's root (or beside the file that
 * names it), so a comment never sends a newcomer to a document they can't open.
 */
class DocumentReferencesTest {

  private static final Pattern DOCUMENT = Pattern.compile("[\\w./-]*\\w\\.md\\b");
  private static final List<Path> SOURCES =
      List.of(
          Path.of("src"),
          Path.of("config"),
          Path.of("pom.xml"),
          Path.of("Dockerfile"),
          Path.of(".ci"));

  @Test
  @DisplayName("every document the code, config and build name is a file in the repository")
  void documentsAreInTheRepository() throws IOException {
    // GIVEN every text file of the code, the config and the build
    List<String> missing = new ArrayList<>();
    for (Path root : SOURCES) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(Files::isRegularFile).forEach(file -> missing.addAll(missingIn(file)));
      }
    }

    // THEN each document one of them names can be opened from a checkout
    assertThat(missing).as("documents named but not in the repository").isEmpty();
    assertThat(Path.of("docs/architecture.md")).isRegularFile();
  }

  private static List<String> missingIn(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (java.nio.charset.MalformedInputException binary) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> missing = new ArrayList<>();
    Matcher m = DOCUMENT.matcher(text);
    while (m.find()) {
      String name = m.group();
      Path beside = file.getParent() == null ? Path.of(name) : file.getParent().resolve(name);
      if (!Files.isRegularFile(Path.of(name).normalize())
          && !Files.isRegularFile(beside.normalize())) {
        missing.add(file + " names " + name);
      }
    }
    return missing;
  }
}
