-- A win's tags are the #words of its text, so they can be as long as the text: with 1,000
-- characters a win of many tags could never be stored, and its author was asked to try again.
-- Widening a VARCHAR is a metadata change on PostgreSQL.
ALTER TABLE win ALTER COLUMN tags SET DATA TYPE VARCHAR(8000);
