-- The sweep reads due members "ORDER BY next_prompt_at, id LIMIT n". With an index on
-- next_prompt_at alone, H2 reads every member due at the same instant to sort them by id, for each
-- batch of 200: 100k members due in the same minute cost 500 reads of 100k rows. With id in the
-- index the rows come out in order and each batch reads only its own.
DROP INDEX member_next_prompt;
CREATE INDEX member_next_prompt ON member (next_prompt_at, id);

-- The same for the dispatcher's claim ("WHERE status = 'pending' AND not_before <= now ORDER BY
-- status, not_before, id LIMIT 100"): after a busy minute 100k rows wait with one not_before, and
-- each claim of 100 read them all (half a second each on H2, a quarter of the sending time at 50
-- messages a second).
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, not_before, id);
