package org.nudge.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one registry of personal data: every table that holds a member's words or identity, how a
 * member's rows are found in it, which of its columns hold their words or who they are, how its
 * rows appear in {@code /nudge export}, and what {@code /nudge forget-me} does to them. Export and
 * forget-me ({@link JdbiMemberData}) read only this list, so a table added here is exported and
 * erased with no other code; {@code PersonalDataRegistryTest} fails for any table that refers to a
 * member and is not here.
 *
 * <p>Each kind of entry declares its own line, next to the SQL that writes it ({@code
 * JdbiWins.PERSONAL_DATA}, ...); the registry is the list of those kinds, then the tables that are
 * not entries. A new kind of entry, say thanks, is:
 *
 * <ol>
 *   <li>its migration, {@code V<n>__thanks.sql};
 *   <li>its port in the engine ({@code engine/domain/ThanksLog}, with its record) and its accessor
 *       on {@code Tx};
 *   <li>one storage class, {@code JdbiThanks implements ThanksLog}, with its SQL and its {@code
 *       PERSONAL_DATA} line (table, finder, word and identity columns, export shape, erase rule),
 *       returned by {@link JdbiStore}'s accessor;
 *   <li>one line in {@link #ENTRY_KINDS}, which export and forget-me then read.
 * </ol>
 *
 * <p>The order is the order of erasure: rows that refer to others first, the member row last.
 */
public final class PersonalData {

  /**
   * Every kind of entry members write, each declared by its own storage class next to the SQL that
   * writes it. A new kind of entry is one line here.
   */
  static final List<Table> ENTRY_KINDS =
      List.of(
          JdbiWins.PERSONAL_DATA,
          JdbiReflections.PERSONAL_DATA,
          JdbiAdvice.PERSONAL_DATA,
          JdbiCheckIns.PERSONAL_DATA,
          JdbiFeedback.PERSONAL_DATA,
          JdbiGoals.PERSONAL_DATA,
          JdbiThanks.PERSONAL_DATA,
          JdbiEnrolments.PERSONAL_DATA);

  /**
   * The tables that are not entries: what Nudge keeps to talk to the member, the pairs and the
   * member row itself. They come after the entries, since the pair's erasure reads the check-ins
   * that are left.
   */
  private static final List<Table> OTHER_TABLES =
      List.of(
          JdbiPendingImports.PERSONAL_DATA,
          JdbiEnrolments.PROPOSAL_DATA,
          new Table(
              "conversation",
              Finder.byMember("member_id"),
              List.of("data"),
              List.of(),
              new NotExported("a half-answered prompt, whose answer is exported once given"),
              Erase.DELETE),
          new Table(
              "prompt",
              Finder.byMember("member_id"),
              List.of(),
              List.of("member_id"),
              new NotExported("what Nudge asked and when; the answers are exported"),
              Erase.DELETE),
          new Table(
              "weekly_tally",
              Finder.byMember("member_id"),
              List.of(),
              List.of("member_id"),
              new NotExported("counts derived from the entries"),
              Erase.DELETE),
          // Every message Nudge queued or sent to the member's direct conversation, pending and
          // sent alike: its payload quotes their partner's words about them, and their own.
          new Table(
              "outbox",
              new Finder(
                  List.of("target_id"),
                  "platform = :platform AND workspace = :workspace AND target_kind = 'dm'"
                      + " AND target_id = :user"),
              List.of("payload"),
              List.of("target_id"),
              new NotExported("messages Nudge wrote to the member, who has them in their chat"),
              Erase.DELETE),
          // Messages to other people that quote or name the member (a win notice to their
          // partner, a digest celebrating them, a leads' digest naming their pair), pending and
          // sent alike; outbox_about says which, and its rows go with them.
          new Table(
              "outbox",
              new Finder(
                  List.of("id"),
                  "id IN (SELECT a.outbox_id FROM outbox_about a WHERE a.member_id = :member)"),
              List.of("payload"),
              List.of(),
              new NotExported("messages to other people, which quote or name the member"),
              Erase.DELETE),
          JdbiInbox.PERSONAL_DATA,
          new Table(
              "outbox_about",
              Finder.byMember("member_id"),
              List.of(),
              List.of("member_id"),
              new NotExported("which messages named the member; erased with those messages"),
              Erase.DELETE),
          // Pairs stay, ended, so the partner's history and the program's figures still add up.
          // They hold no words; the member they point at becomes an anonymous tombstone below.
          // The pair's last check-in is read again, as the member's check-ins are gone.
          new Table(
              "pair",
              Finder.byMember("mentor_id", "mentee_id"),
              List.of(),
              List.of(),
              new NotExported("the pairs are the program's; the member's entries are exported"),
              new Erase(
                  "last_checkin_at = (SELECT MAX(c.created_at) FROM checkin c"
                      + " WHERE c.pair_id = pair.id)",
                  "ended pairs point at the member row, and the partner's history needs them")),
          // The member row stays as a tombstone because pairs refer to it (a foreign key), with
          // nothing that says who it was or how they lived: name, platform id, zone, hours, pause,
          // lead role and volunteering are reset. A later message from the same account meets a
          // new member. platform and workspace name the organisation, not the person.
          new Table(
              "member",
              Finder.byMember("id"),
              List.of(),
              List.of(
                  "user_id",
                  "display_name",
                  "time_zone",
                  "prompt_day",
                  "prompt_hour",
                  "quiet_start",
                  "quiet_end",
                  "quiet_weekends",
                  "paused_until",
                  "is_lead",
                  "volunteered_at",
                  "next_prompt_at",
                  "unanswered_in_row",
                  "open_reflection_id"),
              new Profile(
                  List.of(
                      new Detail("display_name", "name "),
                      new Detail("time_zone", "timezone "),
                      new Detail("prompt_day", "reflection day "),
                      new Detail("prompt_hour", "reflection hour "),
                      new Detail("quiet_start", "quiet from "),
                      new Detail("quiet_end", "quiet until "),
                      new Detail("quiet_weekends", "quiet weekends "),
                      new Detail("paused_until", "paused until "),
                      new Detail("is_lead", "program lead "),
                      new Detail("volunteered_at", "volunteered to mentor "),
                      new Detail("created_at", "first met "))),
              new Erase(
                  "user_id = 'forgotten-' || CAST(id AS VARCHAR(20)),"
                      + " display_name = 'a former member', time_zone = 'UTC', prompt_day = 5,"
                      + " prompt_hour = 15, quiet_start = 20, quiet_end = 8,"
                      + " quiet_weekends = TRUE, paused_until = NULL, is_lead = FALSE,"
                      + " volunteered_at = NULL, next_prompt_at = NULL, unanswered_in_row = 0,"
                      + " open_reflection_id = NULL",
                  "pairs refer to the member row")));

  /** Every table with a member's data: the entry kinds, then the others. */
  public static final List<Table> TABLES =
      Stream.concat(ENTRY_KINDS.stream(), OTHER_TABLES.stream()).toList();

  private PersonalData() {}

  /** The registry's entry for {@code table}, if it has one. */
  public static Optional<Table> table(String table) {
    return TABLES.stream().filter(t -> t.name().equalsIgnoreCase(table)).findFirst();
  }

  /**
   * One table with a member's data.
   *
   * @param name the table
   * @param rows how a member's rows are found in it
   * @param words the columns holding what the member wrote
   * @param identity the columns saying who the member is or how they live
   * @param export how its rows appear in the member's export
   * @param erase what forget-me does to the member's rows
   */
  public record Table(
      String name,
      Finder rows,
      List<String> words,
      List<String> identity,
      Export export,
      Erase erase) {
    public Table {
      Objects.requireNonNull(name);
      Objects.requireNonNull(rows);
      words = List.copyOf(words);
      identity = List.copyOf(identity);
      Objects.requireNonNull(export);
      Objects.requireNonNull(erase);
    }
  }

  /**
   * How a member's rows are found: {@code condition} is SQL on the table's own columns, with the
   * parameters {@code :member} (the member's id), {@code :platform}, {@code :workspace} and {@code
   * :user} (their platform identity). {@code columns} are the columns it finds them by.
   */
  public record Finder(List<String> columns, String condition) {
    public Finder {
      columns = List.copyOf(columns);
    }

    /** Rows whose {@code columns} (any of them) hold the member's id. */
    static Finder byMember(String... columns) {
      return new Finder(
          List.of(columns),
          String.join(" OR ", Arrays.stream(columns).map(c -> c + " = :member").toList()));
    }
  }

  /** How a table's rows appear in the member's export. */
  public sealed interface Export permits Entries, Profile, NotExported {}

  /**
   * One entry per row.
   *
   * @param kind what the entry is, as the export names it
   * @param createdAt the column saying when it was written
   * @param text the column with the member's main words
   * @param details the other columns that go with it
   * @param shared the column saying whether they shared it, or null
   */
  public record Entries(
      String kind, String createdAt, String text, List<Detail> details, String shared)
      implements Export {
    public Entries {
      details = List.copyOf(details);
    }
  }

  /** The member's own row: the export's profile. */
  public record Profile(List<Detail> fields) implements Export {
    public Profile {
      fields = List.copyOf(fields);
    }
  }

  /** Not in the export, and why. */
  public record NotExported(String why) implements Export {}

  /** A column exported with an entry, and the words that introduce its value in one line. */
  public record Detail(String column, String label) {}

  /**
   * What forget-me does to the member's rows: deletes them when {@code set} is null, otherwise
   * keeps them, for the reason given, and sets {@code set} (an SQL {@code SET} list) on them.
   */
  public record Erase(String set, String why) {
    public static final Erase DELETE = new Erase(null, null);

    public boolean deletes() {
      return set == null;
    }
  }
}
