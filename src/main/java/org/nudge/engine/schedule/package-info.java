/**
 * When things are due: weekly prompts, check-in reminders, quiet hours, pauses and cadences.
 *
 * <p>Everything here is pure {@code java.time} arithmetic on values passed in. Nothing reads the
 * system clock and nothing knows about chat platforms, Quartz or the database, so the scheduler can
 * ask "when next?" and store the answer, and the tests can pin every instant across DST changes.
 */
package org.nudge.engine.schedule;
