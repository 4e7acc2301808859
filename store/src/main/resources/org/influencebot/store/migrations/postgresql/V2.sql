-- V2: reference samples, one per network: random samples of a network's accounts that audits are
-- measured against, drawn by the bot (or read from a moderator's service) and kept with their date.
-- accounts holds JSON Lines in the account-metrics format; sampled_at and saved_at are milliseconds since
-- 1970-01-01 UTC.
CREATE TABLE reference_sample (
  network       TEXT    NOT NULL PRIMARY KEY,
  method        TEXT    NOT NULL,
  origin        TEXT    NOT NULL,
  sampled_at    BIGINT  NOT NULL,
  account_count INTEGER NOT NULL,
  accounts      TEXT    NOT NULL,
  saved_at      BIGINT  NOT NULL
);
