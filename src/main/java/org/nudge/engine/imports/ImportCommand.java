package org.nudge.engine.imports;

import java.util.Map;
import java.util.Optional;
import org.nudge.engine.command.CommandContext;
import org.nudge.engine.command.CommandHandler;
import org.nudge.engine.command.CommandSpec;
import org.nudge.engine.command.CommandSpec.Param;
import org.nudge.engine.conversation.ConversationData;
import org.nudge.engine.domain.Program;
import org.nudge.engine.model.Reply;
import org.nudge.engine.programs.ProgramChoice;

/**
 * {@code /nudge import <program>}: a lead brings a spreadsheet of pairs in. Nudge then waits for
 * the CSV file (shared in the DM on Slack, the command's file option on Discord, {@code :upload} in
 * the console), answers with a dry run and its problems line by line, and changes nothing until the
 * lead presses Confirm ({@link ImportFlow}).
 */
public final class ImportCommand implements CommandHandler {

  public static final String NAME = "import";

  private static final CommandSpec SPEC =
      CommandSpec.of(NAME, "Import pairs from a CSV file: a dry run first, then Confirm.")
          .forLeads()
          .with(
              Param.text("program", "The program to import into").required(),
              Param.file("file", "The CSV file: mentor, mentee, and optional cadence, phase"));

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = ctx.args().strip();
    Optional<Program> program = ProgramChoice.resolve(ctx, name);
    if (program.isEmpty()) {
      return ctx.refuse(
          name.isEmpty()
              ? "Name the program to import into, like `/nudge import Spring`."
              : ProgramChoice.problem(ctx, name));
    }
    ConversationData.save(
        ctx.turn(),
        ImportFlow.NAME,
        ImportFlow.WAITING_FOR_FILE,
        Map.of(ImportFlow.PROGRAM, String.valueOf(program.get().id())));
    return Reply.text(
        "Send me the CSV file for "
            + program.get().name()
            + " now, as a file in our direct conversation (in the console: `:upload <path>`). Its"
            + " first line names the columns, in any order: mentor and mentee, and if you like"
            + " cadence (weekly, biweekly, monthly) and phase. Name people by user id, @handle or"
            + " e-mail. I'll show you what it would do first; nothing changes until you press"
            + " Confirm.");
  }
}
