/**
 * The bank of reflection and feedback questions, loaded from {@code config/questions.yaml}, and the
 * weekly rotation that picks one question per member.
 */
package org.nudge.engine.prompts;
