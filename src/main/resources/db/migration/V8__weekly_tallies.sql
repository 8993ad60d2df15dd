-- Weekly tallies for digests. A digest of 10,000 pairs read half a million events (prompts, wins,
-- advice, check-ins of the last four weeks) at 2 to 3 µs each on H2; it now reads each member's
-- counts per program week, kept in step as events are written (see JdbiTallies). Program weeks end
-- when the program's digest is due, so a scheduled digest reads whole tallied weeks.
-- No foreign keys: tallies are derived from the events and counted again from them when in doubt,
-- and on H2 each key would bring an index of its own to every write.
CREATE TABLE weekly_tally (
    program_id        BIGINT NOT NULL,
    pair_id           BIGINT NOT NULL,
    member_id         BIGINT NOT NULL,
    week_start        TIMESTAMP WITH TIME ZONE NOT NULL,
    prompts           INT NOT NULL DEFAULT 0,   -- prompts that ask something, by when sent
    responded         INT NOT NULL DEFAULT 0,   -- of those, answered or skipped
    wins              INT NOT NULL DEFAULT 0,
    advice_logged     INT NOT NULL DEFAULT 0,
    advice_reported   INT NOT NULL DEFAULT 0,   -- outcomes, by when reported
    advice_tried      INT NOT NULL DEFAULT 0,
    check_ins         INT NOT NULL DEFAULT 0,   -- recorded by this member
    last_check_in_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (pair_id, week_start, member_id)
);
CREATE INDEX weekly_tally_program ON weekly_tally (program_id, week_start);

-- The weeks the program's tallies were counted in ("day hour zone") and from when; null until
-- counted, which the first digest of a program from before this migration does.
ALTER TABLE program ADD COLUMN tallied_weeks VARCHAR(100);
ALTER TABLE program ADD COLUMN tallied_from TIMESTAMP WITH TIME ZONE;

-- The pair's latest check-in, however long ago: an overdue pair's may be older than any tally.
ALTER TABLE pair ADD COLUMN last_checkin_at TIMESTAMP WITH TIME ZONE;
UPDATE pair SET last_checkin_at = (SELECT MAX(c.created_at) FROM checkin c WHERE c.pair_id = pair.id);

-- A digest lists the program's volunteers and the week's shared wins: a few rows each, which were
-- found by reading every member and every win of the week.
CREATE INDEX member_volunteered ON member (volunteered_at);
CREATE INDEX win_shared ON win (shared, created_at);
