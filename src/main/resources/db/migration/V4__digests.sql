-- Weekly digests for program leads. Each program has its own local day and hour for the digest
-- (default Monday 09:00 in the zone of the lead who created it), and the instant the next one is
-- due, which the sweep reads from an index as it does every other due column.

ALTER TABLE program ADD COLUMN digest_day SMALLINT NOT NULL DEFAULT 1;   -- ISO day of week
ALTER TABLE program ADD COLUMN digest_hour SMALLINT NOT NULL DEFAULT 9;
ALTER TABLE program ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE program ADD COLUMN next_digest_at TIMESTAMP WITH TIME ZONE;  -- null: not yet scheduled
CREATE INDEX program_next_digest ON program (next_digest_at);

-- The digest counts advice per pair (logged, and followed through); V1 indexed it per member only.
CREATE INDEX advice_pair ON advice (pair_id, created_at);

-- A lead's program export travels through the outbox as files (CSV and JSON), far larger than the
-- chat messages V1 sized the payload for. Widening a VARCHAR is a metadata change on PostgreSQL;
-- exports larger than this are split into several messages by the engine.
ALTER TABLE outbox ALTER COLUMN payload SET DATA TYPE VARCHAR(1000000);
