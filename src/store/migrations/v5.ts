/** Migration 5: Drops with a blocked flag and gone messages; what members asked to be forgotten, as fingerprints; departures, author notices, member notes. Shipped: never edit it. */
export const v5 = `
  CREATE TABLE drops_v5 (
    guild_id    TEXT    NOT NULL,
    story_id    TEXT    NOT NULL,
    part_id     TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'posting', 'posted', 'abandoned')),
    reason      TEXT    NOT NULL,
    pages       INTEGER NOT NULL CHECK (pages > 0),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    blocked     INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    thread_id   TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    posted_at   INTEGER,
    PRIMARY KEY (guild_id, story_id, part_id)
  ) STRICT;
  INSERT INTO drops_v5 (guild_id, story_id, part_id, channel_id, state, reason, pages, attempts,
      last_error, thread_id, created_at, updated_at, posted_at)
    SELECT guild_id, story_id, part_id, channel_id, state, reason, pages, attempts, last_error,
      thread_id, created_at, updated_at, posted_at FROM drops;

  CREATE TABLE drop_messages_v5 (
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    part_id    TEXT    NOT NULL,
    page       INTEGER NOT NULL CHECK (page >= 0),
    message_id TEXT    NOT NULL UNIQUE,
    gone_at    INTEGER,
    PRIMARY KEY (guild_id, story_id, part_id, page),
    FOREIGN KEY (guild_id, story_id, part_id) REFERENCES drops_v5 (guild_id, story_id, part_id)
      ON DELETE CASCADE
  ) STRICT;
  INSERT INTO drop_messages_v5 (guild_id, story_id, part_id, page, message_id)
    SELECT guild_id, story_id, part_id, page, message_id FROM drop_messages;

  DROP TABLE drop_messages;
  DROP TABLE drops;
  ALTER TABLE drops_v5 RENAME TO drops;
  ALTER TABLE drop_messages_v5 RENAME TO drop_messages;
  CREATE INDEX drops_unfinished ON drops (guild_id, state) WHERE state IN ('pending', 'posting');

  CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
  ) STRICT;
  INSERT INTO secrets VALUES ('forget_key', randomblob(32));

  CREATE TABLE forgotten_reactions (
    guild_id TEXT NOT NULL,
    digest   TEXT NOT NULL,
    PRIMARY KEY (guild_id, digest)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE forgotten_members (
    guild_id     TEXT    NOT NULL,
    digest       TEXT    NOT NULL,
    forgotten_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, digest)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE reaction_reconciles (
    guild_id      TEXT    NOT NULL,
    story_id      TEXT    NOT NULL,
    reconciled_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id)
  ) STRICT;

  CREATE TABLE departed_guilds (
    guild_id TEXT    PRIMARY KEY,
    left_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE author_notices (
    guild_id TEXT    NOT NULL,
    topic    TEXT    NOT NULL,
    detail   TEXT    NOT NULL,
    told_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, topic)
  ) STRICT;

  CREATE TABLE member_notes (
    guild_id   TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, note)
  ) STRICT;
  `;
