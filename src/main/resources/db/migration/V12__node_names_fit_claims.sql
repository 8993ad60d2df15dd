-- A claim token is the node's name (host and pid) plus a UUID. A Kubernetes pod's host name such
-- as nudge-deployment-7f9c8d6b5-x2k4p made it longer than 64 characters, every claim failed, and
-- that node delivered nothing. Server caps a node's name well below this width.
ALTER TABLE outbox ALTER COLUMN claimed_by SET DATA TYPE VARCHAR(255);
