-- PPI survey rounds (issue 5): a round names its scorecard (a reference to
-- the shared catalogue), its poverty lines and its population; the draw fills
-- ppi_units with the whole sampling frame (selected units and the reserve list
-- in its random order, so N and every N_h can be counted again); interviews
-- keep their answers and the score and likelihood per line computed when they
-- were saved, and corrections keep their before and after.
-- Region columns: a round's region may be any level (its lower columns are
-- ''); a unit's and an interview's region is the household's village.

-- +goose Up
CREATE TABLE ppi_rounds (
    org_id          TEXT NOT NULL REFERENCES orgs (id),
    id              TEXT NOT NULL,
    name            TEXT NOT NULL,
    programme_id    TEXT,
    scorecard_id    TEXT NOT NULL REFERENCES ppi_scorecards (id),
    scorecard_name  TEXT NOT NULL,
    lines           TEXT NOT NULL,
    alphas          TEXT NOT NULL,
    population_kind TEXT NOT NULL,
    group_ids       TEXT NOT NULL,
    baseline_id     TEXT,
    method          TEXT NOT NULL,
    allocation      TEXT NOT NULL,
    strata_column   TEXT NOT NULL,
    sample_size     BIGINT NOT NULL,
    seed            BIGINT NOT NULL,
    confidence      DOUBLE PRECISION NOT NULL,
    population_size BIGINT NOT NULL,
    strata_sizes    TEXT NOT NULL,
    drawn_at        TIMESTAMP,
    region_code     TEXT NOT NULL,
    province_code   TEXT NOT NULL,
    regency_code    TEXT NOT NULL,
    district_code   TEXT NOT NULL,
    village_code    TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id),
    FOREIGN KEY (org_id, baseline_id) REFERENCES ppi_rounds (org_id, id)
);
CREATE INDEX ppi_rounds_region ON ppi_rounds (org_id, province_code, regency_code, district_code, village_code);
CREATE UNIQUE INDEX ppi_rounds_name ON ppi_rounds (org_id, name);

CREATE TABLE ppi_units (
    org_id        TEXT NOT NULL,
    id            TEXT NOT NULL,
    round_id      TEXT NOT NULL,
    household_id  TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    stratum       TEXT NOT NULL,
    sample_order  BIGINT NOT NULL,
    status        TEXT NOT NULL,
    replaces_id   TEXT,
    group_id      TEXT NOT NULL,
    head_sex      TEXT NOT NULL,
    village_code  TEXT NOT NULL,
    province_code TEXT NOT NULL,
    regency_code  TEXT NOT NULL,
    district_code TEXT NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, round_id, household_id),
    FOREIGN KEY (org_id, round_id) REFERENCES ppi_rounds (org_id, id),
    FOREIGN KEY (org_id, household_id) REFERENCES households (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
    FOREIGN KEY (org_id, replaces_id) REFERENCES ppi_units (org_id, id)
);
CREATE INDEX ppi_units_round ON ppi_units (org_id, round_id, status, sample_order);
CREATE INDEX ppi_units_region ON ppi_units (org_id, province_code, regency_code, district_code, village_code);

CREATE TABLE ppi_interviews (
    org_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    round_id       TEXT NOT NULL,
    unit_id        TEXT NOT NULL,
    interview_date TEXT NOT NULL,
    enumerator_id  TEXT NOT NULL,
    answers        TEXT NOT NULL,
    village_code   TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    regency_code   TEXT NOT NULL,
    district_code  TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, unit_id),
    FOREIGN KEY (org_id, round_id) REFERENCES ppi_rounds (org_id, id),
    FOREIGN KEY (org_id, unit_id) REFERENCES ppi_units (org_id, id),
    FOREIGN KEY (org_id, enumerator_id) REFERENCES users (org_id, id)
);
CREATE INDEX ppi_interviews_round ON ppi_interviews (org_id, round_id);
CREATE INDEX ppi_interviews_region ON ppi_interviews (org_id, province_code, regency_code, district_code, village_code);

-- The score and likelihood (in percent, as published) per line, derived from
-- the answers when the interview is saved or corrected.
CREATE TABLE ppi_interview_scores (
    org_id       TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    line         TEXT NOT NULL,
    total        BIGINT NOT NULL,
    score        BIGINT NOT NULL,
    likelihood   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (org_id, interview_id, line),
    FOREIGN KEY (org_id, interview_id) REFERENCES ppi_interviews (org_id, id)
);

CREATE TABLE ppi_interview_corrections (
    org_id       TEXT NOT NULL,
    id           TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    before_state TEXT NOT NULL,
    after_state  TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, interview_id) REFERENCES ppi_interviews (org_id, id)
);
CREATE INDEX ppi_interview_corrections_interview ON ppi_interview_corrections (org_id, interview_id, created_at);

-- +goose Down
DROP TABLE ppi_interview_corrections;
DROP TABLE ppi_interview_scores;
DROP TABLE ppi_interviews;
DROP TABLE ppi_units;
DROP TABLE ppi_rounds;
