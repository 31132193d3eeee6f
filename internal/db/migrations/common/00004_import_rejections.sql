-- The refused rows of each import, kept so that the error report can be
-- downloaded later, in whichever language the person downloading reads.

-- +goose Up
CREATE TABLE import_rejections (
    org_id    TEXT NOT NULL,
    import_id TEXT NOT NULL,
    seq       BIGINT NOT NULL,
    line      BIGINT NOT NULL,
    col       TEXT NOT NULL,
    value     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    args      TEXT NOT NULL,
    PRIMARY KEY (org_id, import_id, seq),
    FOREIGN KEY (org_id, import_id) REFERENCES imports (org_id, id)
);

-- +goose Down
DROP TABLE import_rejections;
