-- Pair spaces (issue 16): a program's pairs hear from Nudge in their own DMs ('dm') or in one shared
-- conversation per pair ('group': a Slack group DM, a Discord private thread). space_notice_at is
-- when the program's leads were told that the platform refused a space, once until a lead sets the
-- space again.
ALTER TABLE program ADD COLUMN pair_space VARCHAR(8) DEFAULT 'dm' NOT NULL;
ALTER TABLE program ADD COLUMN space_notice_at TIMESTAMP WITH TIME ZONE;

-- Each pair's shared conversation, stored durably rather than cached: opening one is not idempotent
-- on Discord (a second call makes a second thread), and any node may deliver the pair's next
-- message. state: 'opening' (a node is opening it until opening_until), 'open' (conversation_id is
-- the space) or 'refused' (the platform said no; the pair's messages go to DMs). It holds no words
-- and names no member: the pair row says who is in it.
CREATE TABLE pair_space (
    pair_id          BIGINT        NOT NULL PRIMARY KEY REFERENCES pair (id),
    state            VARCHAR(8)    NOT NULL,
    conversation_id  VARCHAR(64),
    reason           VARCHAR(1000),
    opening_until    TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
