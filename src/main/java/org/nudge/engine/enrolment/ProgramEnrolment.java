package org.nudge.engine.enrolment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Action;
import org.nudge.engine.model.ConversationRef;
import org.nudge.engine.model.Message;
import org.nudge.engine.model.Outgoing;
import org.nudge.engine.model.Reply;
import org.nudge.engine.privacy.PrivacyGate;
import org.nudge.engine.prompts.Role;

/**
 * A lead's enrolment settings, as sub-commands of {@code /nudge program}: {@code topics <name>
 * <topic>, <topic>, …} (the list people choose from), {@code enrolment <name> open|closed}, and
 * {@code invite <name>}, which posts an invitation with Join buttons to the program's channel.
 */
public final class ProgramEnrolment {

  public static final int MAX_TOPICS = 50;
  public static final int MAX_TOPIC_LENGTH = 40;

  private static final Param NAME_PARAM = Param.text("name", "The program's name").required();

  /** The sub-commands' specs, which {@code ProgramCommand} lists with its own. */
  public static final List<CommandSpec> SPECS =
      List.of(
          CommandSpec.of("topics", "Set the topics people choose from when they enrol.")
              .with(NAME_PARAM, Param.text("topics", "Topics separated by commas").required()),
          CommandSpec.of("enrolment", "Open or close enrolment in a program.")
              .with(
                  NAME_PARAM, Param.choice("state", "Open or closed", "open", "closed").required()),
          CommandSpec.of("invite", "Post an invitation with Join buttons to the program's channel.")
              .with(NAME_PARAM));

  private ProgramEnrolment() {}

  public static Reply topics(CommandContext ctx, String rest) {
    Optional<ProgramWords> named = ProgramWords.read(ctx, rest);
    if (named.isEmpty() || named.get().rest().isBlank()) {
      return ctx.refuse(
          named.isEmpty() && !rest.isBlank()
              ? noProgram(rest)
              : "Name the program and its topics separated by commas, like `/nudge program topics"
                  + " Spring public speaking, career growth`.");
    }
    List<String> topics = new ArrayList<>();
    for (String typed : named.get().rest().split(",")) {
      String topic = typed.strip().replaceAll("\\s+", " ");
      if (topic.isEmpty()) {
        continue;
      }
      if (topic.length() > MAX_TOPIC_LENGTH || topic.contains("<")) {
        return ctx.refuse(
            "A topic is plain words of at most " + MAX_TOPIC_LENGTH + " characters: " + topic);
      }
      if (topics.stream().noneMatch(topic::equalsIgnoreCase)) {
        topics.add(topic);
      }
    }
    if (topics.isEmpty() || topics.size() > MAX_TOPICS) {
      return ctx.refuse("Give 1 to " + MAX_TOPICS + " topics, separated by commas.");
    }
    Program program = named.get().program();
    ctx.tx().enrolments().setTopics(program.id(), topics);
    return Reply.text(
        program.name()
            + "'s topics are now: "
            + String.join(", ", topics)
            + ". People choose from these when they enrol.");
  }

  public static Reply enrolment(CommandContext ctx, String rest) {
    String[] words = rest.strip().split("\\s+");
    String state = words[words.length - 1].toLowerCase(Locale.ROOT);
    if (words.length < 2 || !(state.equals("open") || state.equals("closed"))) {
      return ctx.refuse(
          "Name the program, then open or closed, like `/nudge program enrolment Spring open`.");
    }
    String name = rest.strip().substring(0, rest.strip().length() - state.length()).strip();
    Optional<Program> program = byName(ctx, name);
    if (program.isEmpty()) {
      return ctx.refuse(noProgram(name));
    }
    Program p = program.get();
    boolean open = state.equals("open");
    ctx.tx().enrolments().setOpen(p.id(), open);
    if (!open) {
      return Reply.text(
          p.name()
              + "'s enrolment is closed; those enrolled stay in the matching. `/nudge match "
              + p.name()
              + "` proposes pairs.");
    }
    boolean noTopics = ctx.tx().enrolments().settings(p.id()).topics().isEmpty();
    return Reply.text(
        p.name()
            + "'s enrolment is open: people join with `/nudge join "
            + p.name()
            + " mentor` or `mentee`."
            + (noTopics
                ? " It has no topics yet, so matching goes by language and time only; set some"
                    + " with `/nudge program topics "
                    + p.name()
                    + " a, b, c`."
                : "")
            + " `/nudge program invite "
            + p.name()
            + "` posts Join buttons to its channel.");
  }

  public static Reply invite(CommandContext ctx, String rest) {
    String name = rest.strip();
    if (name.isEmpty()) {
      return ctx.refuse(
          "Name the program to invite people to, like `/nudge program invite Spring`.");
    }
    Optional<Program> program = byName(ctx, name);
    if (program.isEmpty()) {
      return ctx.refuse(noProgram(name));
    }
    Program p = program.get();
    if (p.channelId() == null) {
      return ctx.refuse(
          p.name()
              + " has no channel to post to; set one with `/nudge program channel "
              + p.name()
              + " #channel`.");
    }
    var settings = ctx.tx().enrolments().settings(p.id());
    if (!settings.open()) {
      return ctx.refuse(
          p.name()
              + "'s enrolment is closed; open it first with `/nudge program enrolment "
              + p.name()
              + " open`.");
    }
    String topics =
        settings.topics().isEmpty() ? "" : " Topics: " + String.join(", ", settings.topics()) + ".";
    boolean sent =
        PrivacyGate.of(ctx.tx())
            .send(
                new Outgoing(
                    "invite:" + p.id() + ":" + ctx.now().toEpochMilli(),
                    new ConversationRef.Channel(p.platform(), p.workspace(), p.channelId()),
                    new Message(
                        "🌱 "
                            + p.name()
                            + " is matching mentors and mentees. Join to be paired: tell me the"
                            + " topics you offer or seek and the languages you speak; a line of"
                            + " what you hope for is seen only by the program's leads."
                            + topics
                            + " (Or type `/nudge join "
                            + p.name()
                            + " mentee`.)",
                        List.of(
                            new Action.Button(
                                EnrolFlow.JOIN,
                                "Join as a mentee",
                                EnrolFlow.joinValue(p.id(), Role.MENTEE),
                                true),
                            Action.Button.of(
                                EnrolFlow.JOIN,
                                "Join as a mentor",
                                EnrolFlow.joinValue(p.id(), Role.MENTOR))))),
                ctx.now(),
                ctx.now());
    return Reply.text(
        sent
            ? "Invitation posted to <#" + p.channelId() + ">."
            : "I couldn't post the invitation; nothing was sent.");
  }

  private static Optional<Program> byName(CommandContext ctx, String name) {
    return ctx.tx()
        .programs()
        .byName(ctx.member().ref().platform(), ctx.member().ref().workspace(), name);
  }

  private static String noProgram(String text) {
    return "There's no program called " + text.strip() + "; `/nudge program list` shows them.";
  }
}
