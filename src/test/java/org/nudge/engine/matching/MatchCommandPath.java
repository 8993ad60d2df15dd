package org.nudge.engine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nudge.engine.domain.Enrolments.Answers;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Members.NewMember;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Reply;
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
                List<NewMember> people = new ArrayList<>();
                Map<String, Candidate> byUser = new HashMap<>();
                for (Candidate c : problem.mentees()) {
                  people.add(new NewMember("p" + c.id(), "mentee " + c.id(), c.zone()));
                  byUser.put("p" + c.id(), c);
                }
                for (Candidate c : problem.mentors()) {
                  people.add(new NewMember("p" + c.id(), "mentor " + c.id(), c.zone()));
                  byUser.put("p" + c.id(), c);
                }
                Map<String, Member> created =
                    tx.members().createAll(Chat.PLATFORM, Chat.WORKSPACE, people, Chat.START);
                created.forEach(
                    (user, member) -> {
                      Candidate c = byUser.get(user);
                      boolean mentee = user.startsWith("p") && c.id() < 100_000;
                      tx.enrolments()
                          .enrol(
                              new Answers(
                                  spring.id(),
                                  member.id(),
                                  mentee ? Role.MENTEE : Role.MENTOR,
                                  c.topics().stream().sorted().toList(),
                                  c.languages().stream().sorted().toList(),
                                  mentee ? 1 : c.capacity(),
                                  null),
                              Chat.START);
                    });
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
