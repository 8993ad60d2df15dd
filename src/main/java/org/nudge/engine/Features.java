package org.nudge.engine;

import java.util.List;
import org.nudge.engine.advice.AdviceCommand;
import org.nudge.engine.advice.AdviceFlow;
import org.nudge.engine.advice.AdviceFollowUps;
import org.nudge.engine.checkins.CheckInCommand;
import org.nudge.engine.checkins.CheckInFlow;
import org.nudge.engine.checkins.CheckInReminders;
import org.nudge.engine.command.CommandRegistry;
import org.nudge.engine.command.NudgeCommand;
import org.nudge.engine.conversation.Flow;
import org.nudge.engine.dashboard.DashboardCommand;
import org.nudge.engine.dashboard.DashboardLinks;
import org.nudge.engine.delivery.OutboxPruning;
import org.nudge.engine.digest.DigestAudiences;
import org.nudge.engine.digest.DigestBuilder;
import org.nudge.engine.digest.DigestCommand;
import org.nudge.engine.digest.HealthCommand;
import org.nudge.engine.digest.ProgramExport;
import org.nudge.engine.digest.WeeklyDigests;
import org.nudge.engine.enrolment.EnrolFlow;
import org.nudge.engine.enrolment.JoinCommand;
import org.nudge.engine.enrolment.LeaveCommand;
import org.nudge.engine.enrolment.MatchCommand;
import org.nudge.engine.feedback.FeedbackCommand;
import org.nudge.engine.feedback.FeedbackFlow;
import org.nudge.engine.feedback.FeedbackPrompts;
import org.nudge.engine.goals.GoalsCommand;
import org.nudge.engine.goals.PlanFlow;
import org.nudge.engine.goals.PlanRevisits;
import org.nudge.engine.imports.ImportCommand;
import org.nudge.engine.imports.ImportFlow;
import org.nudge.engine.members.ExportCommand;
import org.nudge.engine.members.ForgetMeCommand;
import org.nudge.engine.members.HelpCommand;
import org.nudge.engine.members.PauseCommand;
import org.nudge.engine.members.PrefsCommand;
import org.nudge.engine.members.ResumeCommand;
import org.nudge.engine.programs.LeadCommand;
import org.nudge.engine.programs.PairCommand;
import org.nudge.engine.programs.PhaseCommand;
import org.nudge.engine.programs.ProgramCommand;
import org.nudge.engine.programs.UnpairCommand;
import org.nudge.engine.prompts.QuestionBank;
import org.nudge.engine.reflection.ReflectCommand;
import org.nudge.engine.reflection.ReflectionFlow;
import org.nudge.engine.reflection.ReflectionPrompts;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.rhythm.PairRhythm;
import org.nudge.engine.rhythm.Routine;
import org.nudge.engine.schedule.DueTimes;
import org.nudge.engine.thanks.ThanksCommand;
import org.nudge.engine.wins.WinCommand;
import org.nudge.engine.wrapup.WrapUpFlow;

/**
 * Everything Nudge can do, one line each, grouped by kind: the commands people type, the
 * conversations their buttons and answers continue, and the routines the scheduler's sweep runs.
 * Read this to see the whole bot.
 */
public record Features(
    Services services, CommandRegistry commands, List<Flow> flows, List<Routine> routines) {

  public static Features create(
      EngineSettings settings, QuestionBank questions, Directory directory) {
    DueTimes dueTimes = new DueTimes();
    Outreach outreach = new Outreach(dueTimes, settings.rhythm());
    PairRhythm pairRhythm = new PairRhythm(dueTimes, settings.rhythm());
    Services services =
        new Services(
            settings,
            new Membership(directory, settings),
            questions,
            dueTimes,
            outreach,
            pairRhythm);

    ReflectionPrompts reflections = new ReflectionPrompts(services);
    FeedbackPrompts feedback = new FeedbackPrompts(questions, outreach);
    WrapUpFlow wrapUp = new WrapUpFlow(questions);
    DigestBuilder digests = new DigestBuilder(settings.rhythm().unansweredBeforeTaper());
    DigestAudiences digestAudiences = new DigestAudiences(settings.admins());

    CommandRegistry commands =
        new CommandRegistry(
            List.of(
                // What members do in chat
                new WinCommand(),
                new ThanksCommand(),
                new ReflectCommand(reflections),
                new CheckInCommand(),
                new AdviceCommand(),
                new FeedbackCommand(feedback),
                new GoalsCommand(),
                // The umbrella for everything else
                new NudgeCommand(
                    List.of(
                        // Members: help, preferences, pauses, their own data
                        new HelpCommand(),
                        new PrefsCommand(),
                        new PauseCommand(),
                        new ResumeCommand(),
                        new ExportCommand(new ProgramExport(digests)),
                        new ForgetMeCommand(),
                        // Members: enrolment for matching
                        new JoinCommand(),
                        new LeaveCommand(),
                        // Program leads
                        new ProgramCommand(),
                        new PairCommand(),
                        new UnpairCommand(),
                        new PhaseCommand(wrapUp),
                        new LeadCommand(),
                        new MatchCommand(),
                        new ImportCommand(),
                        // Program leads: digests, pair health (exports: `export program` above)
                        new DigestCommand(digests, digestAudiences),
                        new HealthCommand(digests),
                        new DashboardCommand(new DashboardLinks(settings.dashboard()))))));

    List<Flow> flows =
        List.of(
            // Conversations that buttons, forms and typed answers continue
            new ReflectionFlow(),
            new FeedbackFlow(feedback),
            new AdviceFlow(),
            new CheckInFlow(),
            new PlanFlow(),
            new ImportFlow(),
            wrapUp,
            new EnrolFlow());

    List<Routine> routines =
        List.of(
            // Due work the sweep runs, each from an indexed due column
            reflections,
            new CheckInReminders(outreach, pairRhythm),
            feedback,
            new AdviceFollowUps(outreach),
            new PlanRevisits(outreach),
            new WeeklyDigests(digests, digestAudiences, dueTimes),
            // Housekeeping: sent messages quote members, so they go after outbox.keepSent
            new OutboxPruning(settings.keepSent()));

    return new Features(services, commands, flows, routines);
  }
}
