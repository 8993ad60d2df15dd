-- Whom each outbox row is about: the authors of the words it quotes and the members it names (a
-- win notice to the partner is about the win's author). Forgetting a member deletes those rows,
-- queued or sent, whoever they were addressed to. A row goes with its outbox row.
CREATE TABLE outbox_about (
    member_id  BIGINT NOT NULL REFERENCES member (id),
    outbox_id  BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    PRIMARY KEY (member_id, outbox_id)
);
-- Deleting outbox rows (delivered rows pruned, a member's rows forgotten) finds theirs by this.
CREATE INDEX outbox_about_outbox ON outbox_about (outbox_id);
