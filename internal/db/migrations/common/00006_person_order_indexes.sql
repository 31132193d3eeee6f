-- Lists of persons are sorted by name within a region. For a district or a
-- village the region index narrows to a few thousand rows that sort fast; for
-- a province or regency these indexes give the name order directly, so a page
-- costs as much as its rows, not as much as the region.

-- +goose Up
CREATE INDEX persons_province_name ON persons (org_id, province_code, name_key);
CREATE INDEX persons_regency_name ON persons (org_id, regency_code, name_key);

-- +goose Down
DROP INDEX persons_regency_name;
DROP INDEX persons_province_name;
