package org.nudge.storage;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.nudge.engine.domain.Conversations;

final class JdbiConversations implements Conversations {

  private final Handle handle;

  JdbiConversations(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<ConversationState> find(long memberId) {
    return handle
        .createQuery(
            "SELECT member_id, flow, step, data, updated_at, expires_at FROM conversation"
                + " WHERE member_id = :m")
        .bind("m", memberId)
        .map(
            (rs, ctx) ->
                new ConversationState(
                    rs.getLong("member_id"),
                    rs.getString("flow"),
                    rs.getString("step"),
                    rs.getString("data"),
                    Rows.instant(rs, "updated_at"),
                    Rows.instant(rs, "expires_at")))
        .findOne();
  }

  @Override
  public void save(ConversationState s) {
    int updated =
        handle
            .createUpdate(
                "UPDATE conversation SET flow = :flow, step = :step, data = :data,"
                    + " updated_at = :updated, expires_at = :expires WHERE member_id = :m")
            .bindMethods(s)
            .bind("m", s.memberId())
            .bind("updated", s.updatedAt())
            .bind("expires", s.expiresAt())
            .execute();
    if (updated == 0) {
      handle
          .createUpdate(
              "INSERT INTO conversation (member_id, flow, step, data, updated_at, expires_at)"
                  + " VALUES (:m, :flow, :step, :data, :updated, :expires)")
          .bindMethods(s)
          .bind("m", s.memberId())
          .bind("updated", s.updatedAt())
          .bind("expires", s.expiresAt())
          .execute();
    }
  }

  @Override
  public void clear(long memberId) {
    handle
        .createUpdate("DELETE FROM conversation WHERE member_id = :m")
        .bind("m", memberId)
        .execute();
  }
}
