-- Issue 12 (trust): a digest has two audiences, and feedback figures can't be differenced.
--
-- The leads' part of a program's digest (pair health, pairs at risk, feedback figures) goes to the
-- channel a lead sets here, or, while it is null, to each lead's DM; never to the program's own
-- channel, where members celebrate.
ALTER TABLE program ADD COLUMN leads_channel_id VARCHAR(64);

-- The feedback figure last shown to leads, per program and role. A figure changes only once three
-- more people have answered in whole weeks since the one it was computed to, so two digests never
-- differ by one person's rating; digests, health and exports all show this stored figure.
CREATE TABLE published_feedback (
    program_id    BIGINT       NOT NULL REFERENCES program (id),
    role          VARCHAR(16)  NOT NULL,                   -- mentee | mentor
    mean_halves   SMALLINT     NOT NULL,                   -- the mean rounded to a half, times 2
    answers       INT          NOT NULL,                   -- the answers behind it
    covers_to     TIMESTAMP WITH TIME ZONE NOT NULL,       -- the end of the whole weeks it covers
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (program_id, role)
);
