-- Foundation: regions (a shared catalogue), organisations (the tenants), users,
-- sessions, API tokens and the hash-chained audit log. Every tenant-owned table
-- carries org_id in its primary and foreign keys so that a national install can
-- distribute them by org_id (Citus) without a rewrite.

-- +goose Up
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE regions (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL,
    parent_code   TEXT NOT NULL,
    province_code TEXT NOT NULL,
    search_name   TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions (parent_code, code);
CREATE INDEX regions_level ON regions (level);

CREATE TABLE orgs (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    org_id        TEXT NOT NULL REFERENCES orgs (id),
    id            TEXT NOT NULL,
    username      TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    scope         TEXT NOT NULL,
    lang          TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, username)
);
CREATE INDEX users_scope ON users (org_id, scope);

-- Login names are unique across the install so that the login form needs no
-- organisation field; this small table routes a name to its organisation.
CREATE TABLE usernames (
    username TEXT PRIMARY KEY,
    org_id   TEXT NOT NULL,
    user_id  TEXT NOT NULL
);

CREATE TABLE sessions (
    org_id     TEXT NOT NULL,
    id         TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

CREATE TABLE api_tokens (
    org_id       TEXT NOT NULL,
    id           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    revoked      BOOLEAN NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, token_hash),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

-- One-time links that create the first administrator of an empty install.
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used       BOOLEAN NOT NULL
);

-- The head of each organisation's audit chain; locking this row serialises appends.
CREATE TABLE audit_heads (
    org_id TEXT PRIMARY KEY REFERENCES orgs (id),
    seq    BIGINT NOT NULL,
    hash   TEXT NOT NULL
);

CREATE TABLE audit_log (
    org_id      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    id          TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    region_code TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity, entity_id);
CREATE INDEX audit_log_at ON audit_log (org_id, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE audit_heads;
DROP TABLE setup_tokens;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE usernames;
DROP TABLE users;
DROP TABLE orgs;
DROP TABLE regions;
DROP TABLE app_meta;
