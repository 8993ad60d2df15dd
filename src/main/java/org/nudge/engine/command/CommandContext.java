package org.nudge.engine.command;

import java.time.Instant;
import java.util.Optional;
import org.nudge.engine.EngineSettings;
import org.nudge.engine.Membership;
import org.nudge.engine.Services;
import org.nudge.engine.conversation.Turn;
import org.nudge.engine.domain.Member;
import org.nudge.engine.domain.Pair;
import org.nudge.engine.domain.Tx;
import org.nudge.engine.model.Inbound;
import org.nudge.engine.model.Reply;

/**
 * Everything a command needs for one invocation: the conversational {@link Turn} (transaction,
 * member, time, services), the command as typed, the words that led to this handler ({@code path},
 * like {@code /nudge program}), the text after them ({@code args}), and the registry, for the
 * commands that talk about other commands (help).
 */
public record CommandContext(
    Turn turn, Inbound.Command command, String path, String args, CommandRegistry commands) {

  /** The context of a top-level command: its path is its name, its text everything after it. */
  public static CommandContext of(Turn turn, Inbound.Command command, CommandRegistry commands) {
    return new CommandContext(turn, command, "/" + command.name(), command.text(), commands);
  }

  /** The same invocation handed to sub-command {@code word}, with the text after that word. */
  public CommandContext sub(String word, String rest) {
    return new CommandContext(turn, command, path + " " + word, rest, commands);
  }

  public Tx tx() {
    return turn.tx();
  }

  public Member member() {
    return turn.member();
  }

  public Instant now() {
    return turn.now();
  }

  public Services services() {
    return turn.services();
  }

  public EngineSettings settings() {
    return services().settings();
  }

  public Membership membership() {
    return services().membership();
  }

  /**
   * A refusal: one sentence saying what was wrong and what to type instead, followed by the
   * member's own text so nothing they wrote is lost.
   */
  public Reply refuse(String sentence) {
    return Reply.text(sentence + "\n" + Texts.echo(command));
  }

  /** The member's active pair to act on: the one where they are mentee first, else the oldest. */
  public Optional<Pair> primaryPair() {
    return turn.primaryPair();
  }

  public String nameOf(long memberId) {
    return tx().members().byId(memberId).map(Member::displayName).orElse("your partner");
  }
}
