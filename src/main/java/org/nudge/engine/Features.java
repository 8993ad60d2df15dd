package org.nudge.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.nudge.engine.advice.AdviceCommand;
import org.nudge.engine.checkins.CheckInCommand;
import org.nudge.engine.command.CommandRegistry;
import org.nudge.engine.command.NudgeCommand;
import org.nudge.engine.goals.GoalsCommand;
import org.nudge.engine.members.ExportCommand;
import org.nudge.engine.members.ForgetMeCommand;
import org.nudge.engine.members.HelpCommand;
import org.nudge.engine.members.PauseCommand;
import org.nudge.engine.members.PrefsCommand;
import org.nudge.engine.members.ResumeCommand;
import org.nudge.engine.programs.LeadCommand;
import org.nudge.engine.programs.PairCommand;
import org.nudge.engine.programs.ProgramCommand;
import org.nudge.engine.programs.UnpairCommand;
import org.nudge.engine.wins.WinCommand;

/** Everything Nudge can do, one line each, grouped by kind: read this to see the whole bot. */
public final class Features {

  private Features() {}

  public static CommandRegistry commands() {
    AtomicReference<CommandRegistry> self = new AtomicReference<>();
    CommandRegistry registry =
        new CommandRegistry(
            List.of(
                // What members do in chat
                new WinCommand(),
                new CheckInCommand(),
                new AdviceCommand(),
                new GoalsCommand(),
                // The umbrella for everything else
                new NudgeCommand(self::get)),
            List.of(
                // Members: help, preferences, pauses, their own data
                new HelpCommand(self::get),
                new PrefsCommand(),
                new PauseCommand(),
                new ResumeCommand(),
                new ExportCommand(),
                new ForgetMeCommand(),
                // Program leads
                new ProgramCommand(),
                new PairCommand(),
                new UnpairCommand(),
                new LeadCommand()));
    self.set(registry);
    return registry;
  }
}
