package org.nudge.engine.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nudge.engine.command.CommandSpec.Param;

@DisplayName("A command's spec and the usage written from it")
class CommandSpecTest {

  private static final CommandSpec GOALS =
      CommandSpec.of("goals", "Your pair's development plan.")
          .withSubs(
              CommandSpec.of("list", "Show your pair's goals.").asImplied(),
              CommandSpec.of("add", "Add a goal.").with(Param.text("goal", "The goal").required()),
              CommandSpec.of("done", "Mark a goal done.")
                  .with(Param.number("number", "Its number").required()));

  private static final CommandSpec NUDGE =
      CommandSpec.of("nudge", "Everything else.")
          .withSubs(
              CommandSpec.of("export", "Your data.")
                  .with(Param.choice("format", "File format", "json", "csv"))
                  .withSubs(
                      CommandSpec.of("program", "A program's data.")
                          .forLeads()
                          .with(Param.text("program", "Its name").required().shown("name"))),
              CommandSpec.of("pair", "Pair two people.")
                  .forLeads()
                  .with(
                      Param.user("mentor", "The mentor").required(),
                      Param.user("mentee", "The mentee").required(),
                      Param.text("program", "The program")));

  @Test
  @DisplayName("each way to use a command is one line, sub-commands under their parent's words")
  void lines() {
    assertThat(Usage.lines(List.of(GOALS, NUDGE)))
        .containsExactly(
            new Usage.Line("/goals", "Show your pair's goals.", false),
            new Usage.Line("/goals add <goal>", "Add a goal.", false),
            new Usage.Line("/goals done <number>", "Mark a goal done.", false),
            new Usage.Line("/nudge export [json|csv]", "Your data.", false),
            new Usage.Line("/nudge export program <name>", "A program's data.", true),
            new Usage.Line("/nudge pair @mentor @mentee [program]", "Pair two people.", true));
  }

  @Test
  @DisplayName("parameters read as typed: required, optional, flags, choices, words before values")
  void params() {
    assertThat(
            Usage.params(
                List.of(
                    Param.text("text", "What").required().shown("what went well"),
                    Param.channel("channel", "Where"),
                    Param.flag("share", "Share it", "--share"),
                    Param.choice("every", "How often", "weekly", "monthly").after("every"))))
        .isEqualTo("<what went well> [#channel] [--share] [every weekly|monthly]");
  }

  @Test
  @DisplayName("a refusal lists what a command takes, and what typing it alone does")
  void takes() {
    assertThat(Usage.takes("/goals", GOALS))
        .isEqualTo(
            "`/goals` takes `add <goal>` or `done <number>`, or nothing to show your pair's goals.");
  }

  @Test
  @DisplayName("a sentence pointing to another command quotes that command's own usage")
  void usageOfASubCommand() {
    assertThat(Usage.of("/goals", GOALS, "add")).isEqualTo("/goals add <goal>");
    assertThat(Usage.of("/nudge", NUDGE, "pair"))
        .isEqualTo("/nudge pair @mentor @mentee [program]");
    assertThatThrownBy(() -> Usage.of("/goals", GOALS, "remove"))
        .hasMessage("/goals has no remove");
  }

  @Test
  @DisplayName("the hint while typing lists what members may use, without leads' sub-commands")
  void hint() {
    assertThat(Usage.hint(GOALS)).isEqualTo("[add <goal> | done <number>]");
    assertThat(Usage.hint(NUDGE)).isEqualTo("export [json|csv]");
  }

  @Test
  @DisplayName("a spec that a platform could not show is refused when it is declared")
  void refusals() {
    assertThatThrownBy(() -> CommandSpec.of("Win", "Upper case."))
        .hasMessageContaining("lower-case");
    assertThatThrownBy(() -> CommandSpec.of("win", "x".repeat(CommandSpec.MAX_DESCRIPTION + 1)))
        .hasMessageContaining("at most 90 characters");
    assertThatThrownBy(
            () ->
                CommandSpec.of("pair", "Pair.")
                    .with(Param.text("program", "Which"), Param.user("mentor", "Who").required()))
        .hasMessageContaining("comes after an optional one");
    assertThatThrownBy(
            () ->
                CommandSpec.of("nudge", "All.")
                    .withSubs(CommandSpec.of("help", "Help."), CommandSpec.of("help", "Again.")))
        .hasMessageContaining("two sub-commands called help");
  }
}
