-- National name search: every word of a live person's name key, with the
-- columns a list filters and sorts on by name, so that a search by name finds its
-- matches from the words they begin (person_words_search) instead of walking
-- the whole name index. One row per word: lead is the number of characters of
-- the name key before it. The registry keeps it in step with persons (insert,
-- update, merge, import); a bulk import defers the search index like the list
-- indexes. Clustered by person so that replacing a person's words is a seek.

-- +goose Up
CREATE TABLE person_words (
    org_id       TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    lead         INTEGER NOT NULL,
    word         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    sex          TEXT NOT NULL,
    birth_date   TEXT NOT NULL,
    target_group TEXT NOT NULL,
    PRIMARY KEY (org_id, person_id, lead)
) WITHOUT ROWID;
INSERT INTO person_words (org_id, person_id, lead, word, name_key, sex, birth_date, target_group)
WITH RECURSIVE split (org_id, id, rest, lead, name_key, sex, birth_date, target_group) AS (
    SELECT org_id, id, name_key || ' ', 0, name_key, sex, birth_date, target_group
    FROM persons WHERE merged_into = '' AND name_key <> ''
    UNION ALL
    SELECT org_id, id, substr(rest, instr(rest, ' ') + 1), lead + instr(rest, ' '), name_key, sex, birth_date, target_group
    FROM split WHERE instr(rest, ' ') > 0 AND rest <> ''
)
SELECT org_id, id, lead, substr(rest, 1, instr(rest, ' ') - 1), name_key, sex, birth_date, target_group
FROM split WHERE rest <> '' ORDER BY org_id, id, lead;
CREATE INDEX person_words_search ON person_words (org_id, word, name_key, sex, birth_date, person_id, lead, target_group);
ANALYZE person_words;

-- +goose Down
DROP TABLE person_words;
