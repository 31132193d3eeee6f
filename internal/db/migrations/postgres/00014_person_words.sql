-- National name search: every word of a live person's name key, with the
-- columns a list filters and sorts on by name, so that a search by name finds its
-- matches from the words they begin (person_words_search) instead of walking
-- the whole name index. One row per word: lead is the number of characters of
-- the name key before it. The registry keeps it in step with persons (insert,
-- update, merge, import); a bulk import defers the search index like the list
-- indexes. Words compare byte by byte (COLLATE "C"), so that the words that
-- begin with a prefix are one range of the index whatever the database's
-- collation; names sort as persons.name_key does.

-- +goose Up
CREATE TABLE person_words (
    org_id       TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    lead         INTEGER NOT NULL,
    word         TEXT COLLATE "C" NOT NULL,
    name_key     TEXT NOT NULL,
    sex          TEXT NOT NULL,
    birth_date   TEXT NOT NULL,
    target_group TEXT NOT NULL,
    PRIMARY KEY (org_id, person_id, lead)
);
INSERT INTO person_words (org_id, person_id, lead, word, name_key, sex, birth_date, target_group)
SELECT org_id, id, (sum(length(w.word) + 1) OVER (PARTITION BY org_id, id ORDER BY w.n) - length(w.word) - 1)::integer,
       w.word, name_key, sex, birth_date, target_group
FROM persons, unnest(string_to_array(name_key, ' ')) WITH ORDINALITY AS w (word, n)
WHERE merged_into = '' AND name_key <> '';
CREATE INDEX person_words_search ON person_words (org_id, word, name_key, sex, birth_date, person_id, lead, target_group);
ANALYZE person_words;

-- +goose Down
DROP TABLE person_words;
