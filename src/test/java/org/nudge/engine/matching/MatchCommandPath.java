package org.nudge.engine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nudge.engine.domain.Enrolments.Answers;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Reply;
import org.nudge.engine.model.UserRef;
import org.nudge.engine.prompts.Role;
import org.nudge.testing.Chat;
import org.nudge.testing.TestDatabases;

/**
 * The whole {@code /nudge match} path for a benchmark program, through the engine on an H2 file
 * database: the people are written straight to the store (as a roster import would leave them),
 * then the lead's command is timed from the line typed to the reply: the candidates read from the
 * database, the solve, the proposal stored and the reply written. {@code preview} is timed too: it
 * reads and writes the same but does not solve or store.
 */
final class MatchCommandPath {

  /** Milliseconds of one {@code /nudge match} and one {@code preview}, and the pairs proposed. */
  record Took(long matchMs, long previewMs, int pairs, int replyChars) {}

  private MatchCommandPath() {}

  private static Member newcomer(Candidate c, String role) {
    return Member.newcomer(
        new UserRef(Chat.PLATFORM, Chat.WORKSPACE, "p" + c.id()),
        role + c.id(),
        c.zone(),
        Chat.START);
  }

  static Took run(Path file, Solver.Problem problem) {
    try (Chat chat = new Chat(TestDatabases.h2File(file))) {
      chat.say("lead", "/nudge program create Spring #mentoring");
      String topics =
          IntStream.range(0, 20).mapToObj(i -> "topic " + i).collect(Collectors.joining(", "));
      chat.say("lead", "/nudge program topics Spring " + topics);
      chat.store()
          .inTransaction(
              tx -> {
                Program spring =
                    tx.programs().byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring").orElseThrow();
                List<Member> people = new ArrayList<>();
                List<Candidate> candidates = new ArrayList<>();
                for (Candidate c : problem.mentees()) {
                  people.add(newcomer(c, "mentee "));
                  candidates.add(c);
                }
                for (Candidate c : problem.mentors()) {
                  people.add(newcomer(c, "mentor "));
                  candidates.add(c);
                }
                List<Member> stored = tx.members().insertAll(people);
                for (int k = 0; k < stored.size(); k++) {
                  Candidate c = candidates.get(k);
                  boolean mentee = k < problem.mentees().size();
                  tx.enrolments()
                      .enrol(
                          new Answers(
                              spring.id(),
                              stored.get(k).id(),
                              mentee ? Role.MENTEE : Role.MENTOR,
                              c.topics().stream().sorted().toList(),
                              c.languages().stream().sorted().toList(),
                              mentee ? 1 : c.capacity(),
                              null),
                          Chat.START);
                }
                return null;
              });
      long t0 = System.nanoTime();
      Reply proposed = chat.reply("lead", "/nudge match Spring");
      long t1 = System.nanoTime();
      Reply preview = chat.reply("lead", "/nudge match Spring preview");
      long t2 = System.nanoTime();
      String text = proposed.message().text();
      assertThat(text).contains("Proposed pairs for Spring");
      assertThat(preview.message().text()).isEqualTo(text);
      int pairs =
          chat.store()
              .inTransaction(
                  tx ->
                      (int)
                          tx
                              .enrolments()
                              .proposal(
                                  tx.programs()
                                      .byName(Chat.PLATFORM, Chat.WORKSPACE, "Spring")
                                      .orElseThrow()
                                      .id())
                              .stream()
                              .filter(p -> p.mentorId() != null)
                              .count());
      return new Took((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, pairs, text.length());
    }
  }
}
