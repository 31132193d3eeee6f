-- Lists of persons at national or provincial scale: the name-order indexes
-- become partial (only live persons, WHERE merged_into = '', the condition of
-- every list) and carry sex and birth date, the columns of the common filters,
-- so that a page is found by reading the index alone: no table row is read for
-- a person who does not match. Their order (name, sex, birth date, then the
-- row) is the list's name order. Three more serve lists of one target group
-- and the two other sort orders (birth date, last change).

-- +goose Up
DROP INDEX persons_name;
DROP INDEX persons_province_name;
DROP INDEX persons_regency_name;
CREATE INDEX persons_name ON persons (org_id, name_key, sex, birth_date) WHERE merged_into = '';
CREATE INDEX persons_province_name ON persons (org_id, province_code, name_key, sex, birth_date) WHERE merged_into = '';
CREATE INDEX persons_regency_name ON persons (org_id, regency_code, name_key, sex, birth_date) WHERE merged_into = '';
CREATE INDEX persons_group_name ON persons (org_id, target_group, name_key, sex, birth_date) WHERE merged_into = '';
CREATE INDEX persons_birth_date ON persons (org_id, birth_date) WHERE merged_into = '';
CREATE INDEX persons_updated ON persons (org_id, updated_at) WHERE merged_into = '';

-- +goose Down
DROP INDEX persons_updated;
DROP INDEX persons_birth_date;
DROP INDEX persons_group_name;
DROP INDEX persons_regency_name;
DROP INDEX persons_province_name;
DROP INDEX persons_name;
CREATE INDEX persons_name ON persons (org_id, name_key);
CREATE INDEX persons_province_name ON persons (org_id, province_code, name_key);
CREATE INDEX persons_regency_name ON persons (org_id, regency_code, name_key);
