-- An import remembers the region scope of the person who ran it, so that its
-- job page and error report (which hold identifiers) are shown only to users
-- whose scope covers it.

-- +goose Up
ALTER TABLE imports ADD COLUMN scope TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE imports DROP COLUMN scope;
