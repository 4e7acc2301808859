-- V1: settings, linked handles, score history, audit log.
-- Times are milliseconds since 1970-01-01 UTC, so both engines store them the same way.

-- One row per setting a moderator changed; a key without a row has its default.
CREATE TABLE scope_setting (
  platform      TEXT   NOT NULL,
  scope_id      TEXT   NOT NULL,
  setting_key   TEXT   NOT NULL,
  setting_value TEXT   NOT NULL,
  changed_at    BIGINT NOT NULL,
  PRIMARY KEY (platform, scope_id, setting_key)
);

CREATE TABLE linked_handle (
  platform  TEXT   NOT NULL,
  user_id   TEXT   NOT NULL,
  handle    TEXT   NOT NULL,
  linked_at BIGINT NOT NULL,
  PRIMARY KEY (platform, user_id)
);

CREATE TABLE score_point (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  network             TEXT    NOT NULL,
  handle              TEXT    NOT NULL,
  computed_at         BIGINT  NOT NULL,
  influence_score     DOUBLE PRECISION NOT NULL,
  authenticity_score  DOUBLE PRECISION NOT NULL,
  followers           BIGINT,
  authentic_followers BIGINT
);

CREATE INDEX score_point_by_handle ON score_point (network, handle, computed_at);

CREATE TABLE setting_audit (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform      TEXT   NOT NULL,
  scope_id      TEXT   NOT NULL,
  user_id       TEXT   NOT NULL,
  setting_key   TEXT   NOT NULL,
  old_value     TEXT   NOT NULL,
  new_value     TEXT   NOT NULL,
  changed_at    BIGINT NOT NULL
);

CREATE INDEX setting_audit_by_scope ON setting_audit (platform, scope_id, id);
