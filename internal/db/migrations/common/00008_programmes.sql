-- Programmes and their organisation units. A programme is one phase of an
-- organisation's work: its period, the regions it works in, the target groups it
-- serves and the rules its groups are formed by (one row per group type). Phase
-- II points back to phase I and keeps phase I's figures, frozen when it started,
-- as its baseline. Optional references are NULL so that their composite foreign
-- keys are not checked when absent.

-- +goose Up
CREATE TABLE programmes (
    org_id        TEXT NOT NULL REFERENCES orgs (id),
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    phase         BIGINT NOT NULL,
    previous_id   TEXT,
    start_date    TEXT NOT NULL,
    end_date      TEXT NOT NULL,
    target_groups TEXT NOT NULL,
    allow_double  BOOLEAN NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, previous_id) REFERENCES programmes (org_id, id)
);
CREATE INDEX programmes_previous ON programmes (org_id, previous_id);

CREATE TABLE programme_regions (
    org_id       TEXT NOT NULL,
    programme_id TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    PRIMARY KEY (org_id, programme_id, region_code),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id)
);

-- steps is the formation-step template as JSON: [{"kind": "fgd", "name": ""}, ...].
CREATE TABLE programme_rules (
    org_id       TEXT NOT NULL,
    programme_id TEXT NOT NULL,
    group_type   TEXT NOT NULL,
    min_members  BIGINT NOT NULL,
    max_members  BIGINT NOT NULL,
    fgd_min      BIGINT NOT NULL,
    steps        TEXT NOT NULL,
    PRIMARY KEY (org_id, programme_id, group_type),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id)
);

CREATE TABLE programme_baselines (
    org_id       TEXT NOT NULL,
    programme_id TEXT NOT NULL,
    group_type   TEXT NOT NULL,
    stage        TEXT NOT NULL,
    group_count  BIGINT NOT NULL,
    member_count BIGINT NOT NULL,
    PRIMARY KEY (org_id, programme_id, group_type, stage),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id)
);

CREATE TABLE org_units (
    org_id         TEXT NOT NULL REFERENCES orgs (id),
    id             TEXT NOT NULL,
    programme_id   TEXT,
    parent_id      TEXT,
    unit_type      TEXT NOT NULL,
    name           TEXT NOT NULL,
    address        TEXT NOT NULL,
    head_user_id   TEXT,
    head_person_id TEXT,
    village_code   TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    regency_code   TEXT NOT NULL,
    district_code  TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id),
    FOREIGN KEY (org_id, parent_id) REFERENCES org_units (org_id, id),
    FOREIGN KEY (org_id, head_user_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, head_person_id) REFERENCES persons (org_id, id)
);
CREATE INDEX org_units_region ON org_units (org_id, province_code, regency_code, district_code, village_code);
CREATE INDEX org_units_programme ON org_units (org_id, programme_id);
CREATE INDEX org_units_parent ON org_units (org_id, parent_id);

-- A staff member is a user of the system or a person of the registry; leaving
-- sets end_date so that the unit's history of staff stays.
CREATE TABLE org_unit_staff (
    org_id     TEXT NOT NULL,
    id         TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    user_id    TEXT,
    person_id  TEXT,
    position   TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, unit_id) REFERENCES org_units (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);
CREATE INDEX org_unit_staff_unit ON org_unit_staff (org_id, unit_id);

-- +goose Down
DROP TABLE org_unit_staff;
DROP TABLE org_units;
DROP TABLE programme_baselines;
DROP TABLE programme_rules;
DROP TABLE programme_regions;
DROP TABLE programmes;
