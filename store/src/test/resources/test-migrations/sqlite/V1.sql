-- A first version of a schema, for SchemaMigrationsTest.
CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
INSERT INTO note (id, text) VALUES (1, 'kept; across versions');
