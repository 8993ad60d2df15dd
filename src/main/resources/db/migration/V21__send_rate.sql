-- The send rate of a platform's workspace, shared by every node: the instant from which the next
-- send slot is free. A node reserves a few slots at a time by moving it forward under a row lock,
-- so two nodes never send a workspace's messages faster together than its rate; a 429's
-- Retry-After moves it too, so every node waits, not only the one that was told.
CREATE TABLE send_rate (
    rate_key   VARCHAR(100) NOT NULL PRIMARY KEY,
    next_free  TIMESTAMP WITH TIME ZONE NOT NULL
);
