package org.nudge.storage;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * A database failure as it may be logged: the class, SQL state and stack trace of each exception in
 * the original chain, and none of their messages. Drivers put the values of a failed statement into
 * their messages (H2 quotes a value that is too long, PostgreSQL's detail quotes the whole failing
 * row), and those values are members' words, which no log line may carry.
 */
public final class DatabaseFailure extends RuntimeException {

  /** Causes followed at most; a longer chain is cut, never looped over. */
  private static final int MAX_DEPTH = 16;

  private DatabaseFailure(String description, Throwable cause) {
    super(description, cause);
  }

  /**
   * {@code e} itself when nothing in its chain came from the database, otherwise a copy of the
   * chain without messages.
   */
  static RuntimeException redacted(RuntimeException e) {
    return fromDatabase(e) ? copy(e, 0) : e;
  }

  private static boolean fromDatabase(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof JdbiException || t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }

  private static DatabaseFailure copy(Throwable t, int depth) {
    Throwable cause = t.getCause();
    DatabaseFailure copy =
        new DatabaseFailure(
            describe(t),
            cause == null || cause == t || depth + 1 >= MAX_DEPTH ? null : copy(cause, depth + 1));
    copy.setStackTrace(t.getStackTrace());
    if (depth == 0) {
      for (Throwable suppressed : t.getSuppressed()) {
        copy.addSuppressed(copy(suppressed, MAX_DEPTH - 1));
      }
    }
    return copy;
  }

  private static String describe(Throwable t) {
    String name = t.getClass().getName();
    return t instanceof SQLException sql
        ? name + " (SQL state " + sql.getSQLState() + ", error code " + sql.getErrorCode() + ")"
        : name;
  }
}
