-- A survey unit remembers its branch: the organisation unit (a credit
-- union's branch, an LPP ...) that ran its group when the sample was drawn,
-- so that a round can be stratified and broken down by branch, and its
-- strata sizes stay as they were drawn whatever later becomes of the group.
-- '' where the population is not group members or the group has no unit;
-- rounds drawn before this migration have '' throughout. No foreign key,
-- like group_id: the unit is a record of the draw.

-- +goose Up
ALTER TABLE ppi_units ADD COLUMN branch_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE ppi_units DROP COLUMN branch_id;
