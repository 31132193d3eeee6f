-- Groups of families (KUBE, waste-picker self-help groups, SHGs, productive
-- groups, cooperatives) through their whole life: formation steps with their
-- attendance, membership with its history, board elections and seats, the
-- versioned rules book, coaching meetings with follow-ups, stage changes with
-- their evidence, and the upgrade to a legal cooperative (the same group record,
-- so its history stays one line). Nothing here is deleted: leaving a group or a
-- board sets a date.

-- +goose Up
CREATE TABLE groups (
    org_id         TEXT NOT NULL REFERENCES orgs (id),
    id             TEXT NOT NULL,
    programme_id   TEXT NOT NULL,
    source_id      TEXT,
    unit_id        TEXT,
    name           TEXT NOT NULL,
    group_type     TEXT NOT NULL,
    business_field TEXT NOT NULL,
    settlement     BOOLEAN NOT NULL,
    stage          TEXT NOT NULL,
    address        TEXT NOT NULL,
    facilitator_id TEXT,
    village_code   TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    regency_code   TEXT NOT NULL,
    district_code  TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id),
    FOREIGN KEY (org_id, source_id) REFERENCES groups (org_id, id),
    FOREIGN KEY (org_id, unit_id) REFERENCES org_units (org_id, id),
    FOREIGN KEY (org_id, facilitator_id) REFERENCES users (org_id, id)
);
CREATE INDEX groups_region ON groups (org_id, province_code, regency_code, district_code, village_code);
CREATE INDEX groups_programme ON groups (org_id, programme_id);
CREATE INDEX groups_facilitator ON groups (org_id, facilitator_id);

CREATE TABLE group_stage_changes (
    org_id      TEXT NOT NULL,
    id          TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    from_stage  TEXT NOT NULL,
    to_stage    TEXT NOT NULL,
    change_date TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    correction  BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX group_stage_changes_group ON group_stage_changes (org_id, group_id);

CREATE TABLE formation_steps (
    org_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    group_id       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    step_date      TEXT NOT NULL,
    facilitator_id TEXT,
    notes          TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
    FOREIGN KEY (org_id, facilitator_id) REFERENCES users (org_id, id)
);
CREATE INDEX formation_steps_group ON formation_steps (org_id, group_id, step_date);

CREATE TABLE formation_attendance (
    org_id    TEXT NOT NULL,
    step_id   TEXT NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (org_id, step_id, person_id),
    FOREIGN KEY (org_id, step_id) REFERENCES formation_steps (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);

-- single_group and one_per_household are copied from the programme's rule and
-- the group's type when a member joins, so that the partial unique indexes
-- below hold the double-membership and one-per-family rules even when two
-- facilitators add the same person at the same moment.
CREATE TABLE memberships (
    org_id            TEXT NOT NULL,
    id                TEXT NOT NULL,
    group_id          TEXT NOT NULL,
    programme_id      TEXT NOT NULL,
    person_id         TEXT NOT NULL,
    household_id      TEXT NOT NULL,
    member_role       TEXT NOT NULL,
    join_date         TEXT NOT NULL,
    leave_date        TEXT NOT NULL,
    leave_reason      TEXT NOT NULL,
    single_group      BOOLEAN NOT NULL,
    one_per_household BOOLEAN NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
    FOREIGN KEY (org_id, programme_id) REFERENCES programmes (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
    FOREIGN KEY (org_id, household_id) REFERENCES households (org_id, id)
);
CREATE INDEX memberships_group ON memberships (org_id, group_id);
CREATE INDEX memberships_person ON memberships (org_id, person_id);
CREATE UNIQUE INDEX memberships_active ON memberships (org_id, group_id, person_id) WHERE leave_date = '';
CREATE UNIQUE INDEX memberships_single ON memberships (org_id, programme_id, person_id) WHERE leave_date = '' AND single_group;
CREATE UNIQUE INDEX memberships_household ON memberships (org_id, group_id, household_id) WHERE leave_date = '' AND one_per_household;

CREATE TABLE board_elections (
    org_id        TEXT NOT NULL,
    id            TEXT NOT NULL,
    group_id      TEXT NOT NULL,
    election_date TEXT NOT NULL,
    method        TEXT NOT NULL,
    minutes       TEXT NOT NULL,
    term_start    TEXT NOT NULL,
    term_end      TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX board_elections_group ON board_elections (org_id, group_id);

CREATE TABLE board_candidates (
    org_id      TEXT NOT NULL,
    election_id TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    seat_role   TEXT NOT NULL,
    votes       BIGINT NOT NULL,
    PRIMARY KEY (org_id, election_id, person_id, seat_role),
    FOREIGN KEY (org_id, election_id) REFERENCES board_elections (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);

CREATE TABLE board_seats (
    org_id      TEXT NOT NULL,
    id          TEXT NOT NULL,
    group_id    TEXT NOT NULL,
    election_id TEXT,
    person_id   TEXT NOT NULL,
    seat_role   TEXT NOT NULL,
    term_start  TEXT NOT NULL,
    term_end    TEXT NOT NULL,
    ended_on    TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
    FOREIGN KEY (org_id, election_id) REFERENCES board_elections (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);
CREATE INDEX board_seats_group ON board_seats (org_id, group_id);

CREATE TABLE group_rules (
    org_id     TEXT NOT NULL,
    group_id   TEXT NOT NULL,
    version    BIGINT NOT NULL,
    body       TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, group_id, version),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);

CREATE TABLE group_meetings (
    org_id         TEXT NOT NULL,
    id             TEXT NOT NULL,
    group_id       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    meeting_date   TEXT NOT NULL,
    facilitator_id TEXT,
    topics         TEXT NOT NULL,
    other_topics   TEXT NOT NULL,
    notes          TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
    FOREIGN KEY (org_id, facilitator_id) REFERENCES users (org_id, id)
);
CREATE INDEX group_meetings_group ON group_meetings (org_id, group_id, meeting_date);

CREATE TABLE meeting_attendance (
    org_id     TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    PRIMARY KEY (org_id, meeting_id, person_id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES group_meetings (org_id, id),
    FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);

CREATE TABLE follow_ups (
    org_id     TEXT NOT NULL,
    id         TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    group_id   TEXT NOT NULL,
    action     TEXT NOT NULL,
    due_date   TEXT NOT NULL,
    done_date  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES group_meetings (org_id, id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX follow_ups_group ON follow_ups (org_id, group_id, done_date, due_date);

CREATE TABLE group_cooperatives (
    org_id       TEXT NOT NULL,
    group_id     TEXT NOT NULL,
    former_type  TEXT NOT NULL,
    statutes     TEXT NOT NULL,
    legal_number TEXT NOT NULL,
    legal_date   TEXT NOT NULL,
    upgraded_on  TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, group_id),
    FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);

-- +goose Down
DROP TABLE group_cooperatives;
DROP TABLE follow_ups;
DROP TABLE meeting_attendance;
DROP TABLE group_meetings;
DROP TABLE group_rules;
DROP TABLE board_seats;
DROP TABLE board_candidates;
DROP TABLE board_elections;
DROP TABLE memberships;
DROP TABLE formation_attendance;
DROP TABLE formation_steps;
DROP TABLE group_stage_changes;
DROP TABLE groups;
