package org.nudge.engine.enrolment;

import java.util.List;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;

/**
 * A program's name at the start of a command's words, followed by whatever the command takes.
 * Program names may have spaces, so the longest run of first words that names a program wins.
 */
record ProgramWords(Program program, String rest) {

  static Optional<ProgramWords> read(CommandContext ctx, String text) {
    Member me = ctx.member();
    List<String> words = List.of(text.strip().split("\\s+"));
    for (int n = words.size(); n >= 1; n--) {
      String name = String.join(" ", words.subList(0, n));
      Optional<Program> program =
          ctx.tx().programs().byName(me.ref().platform(), me.ref().workspace(), name);
      if (program.isPresent()) {
        return Optional.of(
            new ProgramWords(program.get(), String.join(" ", words.subList(n, words.size()))));
      }
    }
    return Optional.empty();
  }

  /** The first word, which named no program. */
  static String firstWord(String text) {
    String[] words = text.strip().split("\\s+", 2);
    return words[0];
  }
}
