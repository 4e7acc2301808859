-- A broken third version: its first statement works, its second does not, so neither may stay.
CREATE TABLE half_done (id INTEGER);
ALTER TABLE no_such_table ADD COLUMN x TEXT;
