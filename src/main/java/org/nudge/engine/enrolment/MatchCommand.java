package org.nudge.engine.enrolment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.command.Csv;
import org.nudge.engine.command.DeclaredCommand;
import org.nudge.engine.command.Mentions;
import org.nudge.engine.domain.Enrolments.Proposed;
import org.nudge.engine.domain.Enrolments.State;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Program;
import org.nudge.engine.matching.Candidate;
import org.nudge.engine.matching.Fit;
import org.nudge.engine.matching.Solver;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Quote;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.programs.PairCommand;

/**
 * {@code /nudge match <program> [preview|swap @mentee @mentor|exclude @someone|confirm]}: a lead's
 * matching. Alone it proposes pairs for every enrolled, unpaired mentee (the optimum for the whole
 * program, {@link Solver}) and says why each pair was made and why anyone was left out; the
 * proposal is kept until confirmed or replaced. A swap pins a pair, an exclusion leaves someone
 * out, and both solve the rest again around them; confirm makes the pairs as {@code /nudge pair}
 * does.
 */
public final class MatchCommand extends DeclaredCommand {

  public static final String NAME = "match";

  /** Lines of a list a reply shows; a longer proposal comes whole as a file in the lead's DM. */
  static final int SHOWN = 25;

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Propose pairs for a program's enrolled people; review, swap, confirm.")
          .forLeads()
          .with(
              Param.text("program", "The program's name").required(),
              Param.text("step", "preview, swap @mentee @mentor, exclude @someone, or confirm")
                  .shown("preview|swap @mentee @mentor|exclude @someone|confirm"));

  public MatchCommand() {
    super(SPEC);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String args = ctx.args().strip();
    if (args.isEmpty()) {
      return ctx.refuse("Name the program to match, like `/nudge match Spring`.");
    }
    Optional<ProgramWords> named = ProgramWords.read(ctx, args);
    if (named.isEmpty()) {
      return ctx.refuse(
          "There's no program called "
              + ProgramWords.firstWord(args)
              + "; `/nudge program list` shows them.");
    }
    Program program = named.get().program();
    String[] words = named.get().rest().strip().split("\\s+");
    String step = words[0].toLowerCase(Locale.ROOT);
    Pool pool = Pool.of(ctx.tx(), program, ctx.now());
    List<Proposed> stored = ctx.tx().enrolments().proposal(program.id());
    return switch (step) {
      case "" -> propose(ctx, pool, new Draft(Map.of(), Set.of()), "");
      case "preview" ->
          stored.isEmpty()
              ? ctx.refuse(
                  "There's no proposal for "
                      + program.name()
                      + " yet; `/nudge match "
                      + program.name()
                      + "` makes one.")
              : Reply.of(render(ctx, pool, stored, ""));
      case "swap" -> swap(ctx, pool, Draft.of(stored), words);
      case "exclude" -> exclude(ctx, pool, Draft.of(stored), words);
      case "confirm" -> confirm(ctx, pool, stored);
      default ->
          ctx.refuse(
              "After the program's name, `/nudge match` takes nothing, preview, swap @mentee"
                  + " @mentor, exclude @someone or confirm.");
    };
  }

  /** The lead's changes so far: pairs pinned by swaps, people excluded. */
  private record Draft(Map<Long, Long> pinned, Set<Long> excluded) {
    /** The swaps and exclusions within a proposal's rows. */
    static Draft of(List<Proposed> rows) {
      Map<Long, Long> pinned = new LinkedHashMap<>();
      Set<Long> excluded = new HashSet<>();
      for (Proposed row : rows) {
        if (row.state() == State.PINNED) {
          pinned.put(row.memberId(), row.mentorId());
        } else if (row.state() == State.EXCLUDED) {
          excluded.add(row.memberId());
        }
      }
      return new Draft(pinned, excluded);
    }
  }

  private Reply propose(CommandContext ctx, Pool pool, Draft draft, String firstLine) {
    Solver.Assignment assignment = pool.solve(draft.pinned(), draft.excluded());
    List<Proposed> rows = new ArrayList<>();
    draft
        .pinned()
        .forEach((mentee, mentor) -> rows.add(new Proposed(mentee, mentor, State.PINNED)));
    assignment
        .pairs()
        .forEach((mentee, mentor) -> rows.add(new Proposed(mentee, mentor, State.MATCHED)));
    assignment.unmatched().forEach(m -> rows.add(new Proposed(m, null, State.UNMATCHED)));
    draft.excluded().stream()
        .sorted()
        .forEach(m -> rows.add(new Proposed(m, null, State.EXCLUDED)));
    ctx.tx().enrolments().saveProposal(pool.program.id(), rows, ctx.now());
    return Reply.of(render(ctx, pool, rows, firstLine));
  }

  private Reply swap(CommandContext ctx, Pool pool, Draft draft, String[] words) {
    String name = pool.program.name();
    if (words.length != 3 || !Mentions.isUser(words[1]) || !Mentions.isUser(words[2])) {
      return ctx.refuse(
          "Mention the mentee, then the mentor, like `/nudge match "
              + name
              + " swap @ana @maria`.");
    }
    Optional<Member> mentee = find(ctx, words[1]);
    Optional<Member> mentor = find(ctx, words[2]);
    if (mentee.isEmpty() || !pool.mentees.containsKey(mentee.get().id())) {
      return ctx.refuse(
          "The first person must be a mentee enrolled in " + name + " who isn't paired yet.");
    }
    if (mentor.isEmpty() || !pool.mentors.containsKey(mentor.get().id())) {
      return ctx.refuse("The second person must be a mentor enrolled in " + name + ".");
    }
    long menteeId = mentee.get().id();
    long mentorId = mentor.get().id();
    if (draft.excluded().contains(menteeId) || draft.excluded().contains(mentorId)) {
      return ctx.refuse(
          "You excluded one of them from this proposal; `/nudge match "
              + name
              + "` starts a fresh one.");
    }
    if (pool.pairedBefore(menteeId, mentorId)) {
      return ctx.refuse(
          mentee.get().displayName()
              + " and "
              + mentor.get().displayName()
              + " were paired before; Nudge never pairs the same two people again.");
    }
    Fit fit = pool.fit(menteeId, mentorId);
    if (!fit.possible()) {
      return ctx.refuse(
          mentee.get().displayName()
              + " and "
              + mentor.get().displayName()
              + " have no language in common, so they can't be paired.");
    }
    Map<Long, Long> pinned = new LinkedHashMap<>(draft.pinned());
    pinned.remove(menteeId);
    if (pool.roomAfter(pinned).get(mentorId).capacity() <= 0) {
      return ctx.refuse(
          mentor.get().displayName()
              + " has no room left for another mentee"
              + (pinned.containsValue(mentorId) ? " after your other swaps" : "")
              + ".");
    }
    pinned.put(menteeId, mentorId);
    return propose(
        ctx,
        pool,
        new Draft(pinned, draft.excluded()),
        "Swapped: "
            + mentee.get().displayName()
            + " is now with "
            + mentor.get().displayName()
            + "; everyone else is matched again around it.");
  }

  private Reply exclude(CommandContext ctx, Pool pool, Draft draft, String[] words) {
    String name = pool.program.name();
    if (words.length != 2 || !Mentions.isUser(words[1])) {
      return ctx.refuse(
          "Mention one person to leave out, like `/nudge match " + name + " exclude @ana`.");
    }
    Optional<Member> someone = find(ctx, words[1]);
    if (someone.isEmpty()
        || !pool.mentees.containsKey(someone.get().id())
            && !pool.mentors.containsKey(someone.get().id())) {
      return ctx.refuse(
          "That person isn't in "
              + name
              + "'s matching (enrolled, and for a mentee not paired yet).");
    }
    long id = someone.get().id();
    Map<Long, Long> pinned = new LinkedHashMap<>(draft.pinned());
    pinned.entrySet().removeIf(e -> e.getKey() == id || e.getValue() == id);
    Set<Long> excluded = new HashSet<>(draft.excluded());
    excluded.add(id);
    return propose(
        ctx,
        pool,
        new Draft(pinned, excluded),
        "Left out "
            + someone.get().displayName()
            + "; everyone else is matched again without them.");
  }

  private Reply confirm(CommandContext ctx, Pool pool, List<Proposed> rows) {
    Program program = pool.program;
    if (rows.isEmpty()) {
      return ctx.refuse(
          "There's no proposal for "
              + program.name()
              + " to confirm; `/nudge match "
              + program.name()
              + "` makes one.");
    }
    Map<Long, Long> pairs = new LinkedHashMap<>();
    Map<Long, Integer> used = new HashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Proposed row : rows) {
      if (row.mentorId() == null) {
        continue;
      }
      long mentee = row.memberId();
      long mentor = row.mentorId();
      // Things may have changed since the proposal: a pair made by hand, a mentor who left.
      if (!pool.mentees.containsKey(mentee)
          || !pool.mentors.containsKey(mentor)
          || pool.pairedBefore(mentee, mentor)
          || used.getOrDefault(mentor, 0) >= pool.mentors.get(mentor).capacity()) {
        skipped.add(pool.name(mentee) + " with " + pool.name(mentor));
        continue;
      }
      used.merge(mentor, 1, Integer::sum);
      pairs.put(mentee, mentor);
    }
    List<String> made = new ArrayList<>();
    pairs.forEach(
        (mentee, mentor) -> {
          PairCommand.make(ctx, program, pool.members.get(mentor), pool.members.get(mentee));
          made.add(pool.name(mentor) + " mentors " + pool.name(mentee));
        });
    ctx.tx().enrolments().saveProposal(program.id(), List.of(), ctx.now());
    StringBuilder text =
        new StringBuilder("Made ")
            .append(made.size())
            .append(made.size() == 1 ? " pair" : " pairs")
            .append(" in ")
            .append(program.name())
            .append(" and welcomed each person, as `/nudge pair` does");
    text.append(made.isEmpty() ? "." : ":");
    made.forEach(line -> text.append("\n• ").append(line));
    if (!skipped.isEmpty()) {
      text.append("\nNot made, as things changed since the proposal (run `/nudge match ")
          .append(program.name())
          .append("` again): ")
          .append(String.join("; ", skipped))
          .append('.');
    }
    return Reply.text(text.toString());
  }

  private static Optional<Member> find(CommandContext ctx, String mention) {
    return ctx.tx().members().find(ctx.member().ref().sibling(Mentions.userId(mention)));
  }

  /**
   * The proposal in words: each pair and why, the hopes of the two (for leads only, which the
   * privacy gate confirms), the unmatched and why, and what the lead can type next.
   */
  private static Message render(
      CommandContext ctx, Pool pool, List<Proposed> rows, String firstLine) {
    Program program = pool.program;
    Draft draft = Draft.of(rows);
    List<String> pairLines = new ArrayList<>();
    List<String> unmatchedLines = new ArrayList<>();
    List<String> excludedNames = new ArrayList<>();
    List<Quote> quotes = new ArrayList<>();
    List<String> hopeLines = new ArrayList<>();
    List<String[]> fileRows = new ArrayList<>();
    Set<Long> named = new HashSet<>();
    // Every unmatched mentee's reason reads the mentors' room: 400 of them would otherwise work
    // out the room of every mentor 400 times
    Map<Long, Candidate> room = pool.roomAfter(draft.pinned());
    for (Proposed row : rows) {
      long id = row.memberId();
      switch (row.state()) {
        case PINNED, MATCHED -> {
          if (!pool.mentees.containsKey(id) || !pool.mentors.containsKey(row.mentorId())) {
            continue;
          }
          String why = reasons(pool.fit(id, row.mentorId()));
          pairLines.add(
              "• "
                  + pool.name(row.mentorId())
                  + " mentors "
                  + pool.name(id)
                  + ": "
                  + why
                  + (row.state() == State.PINNED ? " (your swap)" : ""));
          fileRows.add(
              new String[] {
                row.state() == State.PINNED ? "your swap" : "pair",
                pool.name(row.mentorId()),
                pool.name(id),
                why,
                hopeOf(pool, row.mentorId()),
                hopeOf(pool, id)
              });
          named.add(id);
          named.add(row.mentorId());
          hope(pool, id, quotes, hopeLines);
          hope(pool, row.mentorId(), quotes, hopeLines);
        }
        case UNMATCHED -> {
          if (pool.mentees.containsKey(id)) {
            String why = pool.whyUnmatched(id, room, draft.excluded());
            unmatchedLines.add("• " + pool.name(id) + ": " + why);
            fileRows.add(
                new String[] {"not matched", "", pool.name(id), why, "", hopeOf(pool, id)});
            named.add(id);
          }
        }
        case EXCLUDED -> excludedNames.add(pool.name(id));
      }
    }
    // What people hope for is for leads only; the gate has the last word on who reads it.
    boolean hopesShown =
        !hopeLines.isEmpty()
            && PrivacyGate.of(ctx.tx())
                .refusal(
                    new Outgoing(
                            "match:preview",
                            new ConversationRef.Direct(ctx.member().ref()),
                            Message.text(""))
                        .quoting(quotes))
                .isEmpty();
    String file = "match-" + Csv.fileStem(program.name()) + ".csv";
    boolean inChat =
        pairLines.size() <= SHOWN
            && unmatchedLines.size() <= SHOWN
            && (!hopesShown || hopeLines.size() <= SHOWN);
    if (!inChat) {
      sendWhole(ctx, program, file, fileRows, hopesShown, hopesShown ? quotes : List.of(), named);
      pairLines = shown(pairLines, file);
      unmatchedLines = shown(unmatchedLines, file);
      hopeLines = shown(hopeLines, file);
    }
    int pairs = (int) fileRows.stream().filter(r -> !r[0].equals("not matched")).count();
    List<Message.Section> sections = new ArrayList<>();
    if (!firstLine.isEmpty()) {
      sections.add(Message.Section.of("Changed", firstLine));
    }
    sections.add(
        new Message.Section(
            pairs + (pairs == 1 ? " pair" : " pairs"),
            pairLines.isEmpty()
                ? List.of(
                    pool.mentees.isEmpty()
                        ? "No enrolled mentee is waiting for a mentor."
                        : "No pair can be made yet.")
                : pairLines));
    if (!unmatchedLines.isEmpty()) {
      sections.add(new Message.Section("Not matched", unmatchedLines));
    }
    if (!excludedNames.isEmpty()) {
      sections.add(Message.Section.of("Left out by you", String.join(", ", excludedNames)));
    }
    if (hopesShown) {
      sections.add(new Message.Section("What they hope for (leads only)", hopeLines));
    }
    String name = program.name();
    sections.add(
        Message.Section.of(
            "Next",
            "`/nudge match "
                + name
                + " swap @mentee @mentor` changes a pair, `/nudge match "
                + name
                + " exclude @someone` leaves someone out, `/nudge match "
                + name
                + " confirm` makes the pairs and welcomes everyone."));
    // Plain text rather than a layout: a big program's proposal runs to many messages, which
    // every adapter splits at line ends, where an embed or a block list would hit its limits.
    return Message.text(Message.plainText("Proposed pairs for " + name, sections));
  }

  /** The first lines of a long list, and where the rest are. */
  private static List<String> shown(List<String> lines, String file) {
    if (lines.size() <= SHOWN) {
      return lines;
    }
    List<String> first = new ArrayList<>(lines.subList(0, SHOWN));
    first.add("… and " + (lines.size() - SHOWN) + " more, all in " + file + ".");
    return first;
  }

  /**
   * A big program's whole proposal as a CSV file in the lead's DM: a chat reply of 1,600 pairs with
   * their reasons would run to a hundred messages, and a lead reviews that many in a sheet.
   */
  private static void sendWhole(
      CommandContext ctx,
      Program program,
      String file,
      List<String[]> rows,
      boolean withHopes,
      List<Quote> quotes,
      Set<Long> named) {
    Csv csv =
        new Csv(
            "status,mentor,mentee,why" + (withHopes ? ",mentor hopes for,mentee hopes for" : ""));
    for (String[] row : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(Csv.value(row[0]));
      for (int i = 1; i < (withHopes ? 6 : 4); i++) {
        cells.add(Csv.text(row[i]));
      }
      csv.row(cells.toArray(String[]::new));
    }
    PrivacyGate.of(ctx.tx())
        .sendNow(
            new Outgoing(
                    "match:"
                        + program.id()
                        + ":"
                        + ctx.member().id()
                        + ":"
                        + ctx.now().toEpochMilli(),
                    new ConversationRef.Direct(ctx.member().ref()),
                    Message.text(
                            "📎 The whole proposal for "
                                + program.name()
                                + ", every pair and unmatched mentee with why: "
                                + file
                                + ".")
                        .withAttachments(
                            List.of(new Message.Attachment(file, "text/csv", csv.toString()))))
                .quoting(quotes)
                .naming(named.stream().mapToLong(Long::longValue).toArray()),
            ctx.now());
  }

  private static String hopeOf(Pool pool, long memberId) {
    var e = pool.enrolments.get(memberId);
    return e == null || e.answers().hope() == null ? "" : e.answers().hope();
  }

  private static void hope(Pool pool, long memberId, List<Quote> quotes, List<String> lines) {
    var e = pool.enrolments.get(memberId);
    if (e != null && e.answers().hope() != null) {
      quotes.add(new Quote(Quote.Kind.ENROLMENT, memberId, null, false));
      lines.add("• " + pool.name(memberId) + ": " + e.answers().hope());
    }
  }

  /** "both speak Spanish; 2 of 3 topics: career growth, public speaking; 6 h of shared daytime". */
  static String reasons(Fit fit) {
    StringBuilder text =
        new StringBuilder("both speak ").append(Languages.names(fit.languages(), "and"));
    if (fit.sought() > 0) {
      text.append("; ");
      if (fit.topics().isEmpty()) {
        text.append("none of ").append(fit.sought() == 1 ? "the topic" : fit.sought() + " topics");
      } else if (fit.topics().size() == fit.sought()) {
        text.append(fit.sought() == 1 ? "the topic: " : "all " + fit.sought() + " topics: ")
            .append(String.join(", ", fit.topics()));
      } else {
        text.append(fit.topics().size())
            .append(" of ")
            .append(fit.sought())
            .append(" topics: ")
            .append(String.join(", ", fit.topics()));
      }
    }
    int minutes = fit.sharedMinutes();
    text.append("; ");
    if (minutes == 0) {
      text.append("no shared daytime");
    } else {
      text.append(minutes / 60);
      if (minutes % 60 >= 30) {
        text.append(".5");
      }
      text.append(" h of shared daytime");
    }
    return text.toString();
  }
}
