package org.nudge.engine.model;

import java.util.List;

/** A small form: a Slack modal, a Discord modal, or a sequence of questions in the console. */
public record Form(String id, String title, String submitLabel, List<Field> fields) {

  public Form {
    fields = List.copyOf(fields);
  }

  /** One text input. */
  public record Field(
      String id,
      String label,
      boolean multiline,
      boolean required,
      int maxLength,
      String initial) {}
}
