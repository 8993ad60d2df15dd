-- A claim reads its rows back by primary key and token, so the token needs no index; without it
-- every outbox insert and update writes one index entry fewer (the sweep queues 100k at a time).
DROP INDEX outbox_claimed;

-- Nothing looks prompts up by pair and kind; the digest reads a pair's prompts of the last weeks,
-- so the pair's index is ordered by when they were sent and the digest reads only those weeks.
DROP INDEX prompt_pair;
CREATE INDEX prompt_pair ON prompt (pair_id, sent_at);

-- The reflection prompt Nudge last sent each member, so the sweep expires it when the next one goes
-- out with one write by primary key, instead of reading every prompt the member ever had.
ALTER TABLE member ADD COLUMN open_reflection_id BIGINT;
UPDATE member SET open_reflection_id = (
    SELECT MAX(p.id) FROM prompt p
    WHERE p.member_id = member.id AND p.kind = 'reflection' AND p.status = 'open');
