-- Registry: households (one per Kartu Keluarga), persons (by NIK) and import jobs.
-- Region codes are stored at every level as their own columns, so that a scope
-- filter or roll-up at any level is an equality match on one composite index.
-- Calendar dates are TEXT yyyy-mm-dd: portable, sortable, free of time zones.

-- +goose Up
CREATE TABLE households (
    org_id        TEXT NOT NULL REFERENCES orgs (id),
    id            TEXT NOT NULL,
    kk            TEXT NOT NULL,
    address       TEXT NOT NULL,
    village_code  TEXT NOT NULL,
    province_code TEXT NOT NULL,
    regency_code  TEXT NOT NULL,
    district_code TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, kk)
);
CREATE INDEX households_region ON households (org_id, province_code, regency_code, district_code, village_code);

CREATE TABLE imports (
    org_id      TEXT NOT NULL REFERENCES orgs (id),
    id          TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    status      TEXT NOT NULL,
    total_rows  BIGINT NOT NULL,
    done_rows   BIGINT NOT NULL,
    imported    BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    rejected    BIGINT NOT NULL,
    error_text  TEXT NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE persons (
    org_id        TEXT NOT NULL,
    id            TEXT NOT NULL,
    household_id  TEXT NOT NULL,
    nik           TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    sex           TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    relationship  TEXT NOT NULL,
    education     TEXT NOT NULL,
    occupation    TEXT NOT NULL,
    disability    TEXT NOT NULL,
    target_group  TEXT NOT NULL,
    phone         TEXT NOT NULL,
    consent       BOOLEAN NOT NULL,
    consent_date  TEXT NOT NULL,
    village_code  TEXT NOT NULL,
    province_code TEXT NOT NULL,
    regency_code  TEXT NOT NULL,
    district_code TEXT NOT NULL,
    flags         TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    import_id     TEXT NOT NULL,
    merged_into   TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, nik),
    FOREIGN KEY (org_id, household_id) REFERENCES households (org_id, id)
);
CREATE INDEX persons_region ON persons (org_id, province_code, regency_code, district_code, village_code);
CREATE INDEX persons_name ON persons (org_id, name_key);
CREATE INDEX persons_household ON persons (org_id, household_id);

-- +goose Down
DROP TABLE persons;
DROP TABLE imports;
DROP TABLE households;
