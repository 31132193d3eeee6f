-- Poverty Probability Index scorecards: a shared reference catalogue (no
-- org_id), like the regions, since a card is the same for every organisation.
-- A card is never changed once imported: survey rounds will point at it, so
-- a different table must come in under another name. fingerprint is a hash of
-- the card's content, so that importing the same card again is recognised.
-- Likelihoods are percentages as published, stored as 8-byte floats (REAL in
-- SQLite, DOUBLE PRECISION in PostgreSQL), which keep the parsed float64 bit
-- for bit.

-- +goose Up
CREATE TABLE ppi_scorecards (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    year            BIGINT NOT NULL,
    source          TEXT NOT NULL,
    per_line_points BOOLEAN NOT NULL,
    fingerprint     TEXT NOT NULL,
    imported_at     TIMESTAMP NOT NULL,
    imported_by     TEXT NOT NULL
);

CREATE TABLE ppi_lines (
    scorecard_id TEXT NOT NULL REFERENCES ppi_scorecards (id),
    code         TEXT NOT NULL,
    position     BIGINT NOT NULL,
    label        TEXT NOT NULL,
    label_id     TEXT NOT NULL,
    PRIMARY KEY (scorecard_id, code)
);

CREATE TABLE ppi_questions (
    scorecard_id TEXT NOT NULL REFERENCES ppi_scorecards (id),
    question_no  BIGINT NOT NULL,
    text_en      TEXT NOT NULL,
    text_id      TEXT NOT NULL,
    guidance_en  TEXT NOT NULL,
    guidance_id  TEXT NOT NULL,
    PRIMARY KEY (scorecard_id, question_no)
);

CREATE TABLE ppi_answers (
    scorecard_id TEXT NOT NULL,
    question_no  BIGINT NOT NULL,
    code         TEXT NOT NULL,
    position     BIGINT NOT NULL,
    text_en      TEXT NOT NULL,
    text_id      TEXT NOT NULL,
    PRIMARY KEY (scorecard_id, question_no, code),
    FOREIGN KEY (scorecard_id, question_no) REFERENCES ppi_questions (scorecard_id, question_no)
);

CREATE TABLE ppi_points (
    scorecard_id TEXT NOT NULL,
    question_no  BIGINT NOT NULL,
    answer_code  TEXT NOT NULL,
    line_code    TEXT NOT NULL,
    points       BIGINT NOT NULL,
    PRIMARY KEY (scorecard_id, question_no, answer_code, line_code),
    FOREIGN KEY (scorecard_id, question_no, answer_code) REFERENCES ppi_answers (scorecard_id, question_no, code),
    FOREIGN KEY (scorecard_id, line_code) REFERENCES ppi_lines (scorecard_id, code)
);

CREATE TABLE ppi_lookup (
    scorecard_id TEXT NOT NULL,
    line_code    TEXT NOT NULL,
    score        BIGINT NOT NULL,
    percent      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (scorecard_id, line_code, score),
    FOREIGN KEY (scorecard_id, line_code) REFERENCES ppi_lines (scorecard_id, code)
);

-- +goose Down
DROP TABLE ppi_lookup;
DROP TABLE ppi_points;
DROP TABLE ppi_answers;
DROP TABLE ppi_questions;
DROP TABLE ppi_lines;
DROP TABLE ppi_scorecards;
