-- V3: the member log (issue 23, "History"): what the bot saw of a Discord server's or Telegram group's members,
-- so that an audit shows the join waves as they came and a moderator can compare this month's audit with the
-- last. Ids and times only: no name, no message, no message content is ever stored. Times are milliseconds
-- since 1970-01-01 UTC; flags are 1 (yes), 0 (no) or NULL (the platform did not say).

-- When the bot started watching each community (the first instant is kept).
CREATE TABLE member_watch (
  platform  TEXT   NOT NULL,
  community TEXT   NOT NULL,
  since     BIGINT NOT NULL,
  PRIMARY KEY (platform, community)
) WITHOUT ROWID;

-- One row per member seen joining a community: what the platform showed of the account at its (latest) join,
-- when it left (NULL: still there) and the last instant it was seen active (NULL: not seen, or forgotten).
-- WITHOUT ROWID (SQLite only): rows are kept in primary-key order, so a community's members are one range read
-- in order, not an index walk and a lookup per row (100,000 members: about half the time).
CREATE TABLE member_seen (
  platform   TEXT     NOT NULL,
  community  TEXT     NOT NULL,
  member_id  TEXT     NOT NULL,
  joined_at  BIGINT,
  created_at BIGINT,
  has_avatar SMALLINT,
  is_bot     SMALLINT,
  pending    SMALLINT,
  left_at    BIGINT,
  active_at  BIGINT,
  PRIMARY KEY (platform, community, member_id)
) WITHOUT ROWID;

-- Members who left, by community and time (leftSince; the retention sweep).
CREATE INDEX member_seen_by_left ON member_seen (platform, community, left_at);

-- One row per audit made: its figures (shares are NULL when the audit abstained), keyed by its instant.
CREATE TABLE member_audit (
  platform       TEXT    NOT NULL,
  community      TEXT    NOT NULL,
  at             BIGINT  NOT NULL,
  members        INTEGER NOT NULL,
  recent_joiners INTEGER NOT NULL,
  bought_share   DOUBLE PRECISION,
  low            DOUBLE PRECISION,
  high           DOUBLE PRECISION,
  waves          INTEGER NOT NULL,
  PRIMARY KEY (platform, community, at)
) WITHOUT ROWID;
