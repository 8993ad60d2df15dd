package org.nudge.engine;

import org.nudge.engine.prompts.QuestionBank;
import org.nudge.engine.rhythm.Outreach;
import org.nudge.engine.rhythm.PairRhythm;
import org.nudge.engine.schedule.DueTimes;

/** What commands and conversations share: settings, people, questions and the rhythm's rules. */
public record Services(
    EngineSettings settings,
    Membership membership,
    QuestionBank questions,
    DueTimes dueTimes,
    Outreach outreach,
    PairRhythm pairRhythm) {}
