-- A second version: adds a column, fills it.
ALTER TABLE note ADD COLUMN author TEXT;
UPDATE note SET author = 'migration 2';
