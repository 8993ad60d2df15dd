package org.nudge.engine.domain;

import java.time.Instant;
import java.util.List;

/**
 * Everything Nudge keeps of one member, read and erased table by table from one registry of
 * personal data (storage's {@code PersonalData}): a table added there is in {@code /nudge export}
 * and gone after {@code /nudge forget-me} with no other code.
 */
public interface MemberData {

  /** The member's profile and every entry they wrote, oldest first. */
  Export export(Member member);

  /**
   * Erases the member's words and identity from every table: what they wrote, their preferences,
   * their prompts and conversation, and every message Nudge queued or sent to them. Their member
   * row stays as an anonymous tombstone that ended pairs still point at.
   */
  void forget(Member member);

  /** A member's data: their profile (name and preferences), then their entries. */
  record Export(List<Field> profile, List<Entry> entries) {
    public Export {
      profile = List.copyOf(profile);
      entries = List.copyOf(entries);
    }
  }

  /**
   * One thing the member wrote: its kind ({@code win}, {@code reflection}, ...), when, its main
   * text, the other fields that go with it, and whether they shared it (null: nothing to share).
   */
  record Entry(String kind, Instant createdAt, String text, List<Field> details, Boolean shared) {
    public Entry {
      details = List.copyOf(details);
    }
  }

  /**
   * A named value: {@code name} is the column's name (JSON keys), {@code label} the words that
   * introduce it in one line of text (CSV), and {@code value} a string, number, boolean or instant,
   * or null.
   */
  record Field(String name, String label, Object value) {}
}
