/** Migration 2: Server settings, drops and their messages, drop notices. Shipped: never edit it. */
export const v2 = `
  CREATE TABLE guild_settings (
    guild_id     TEXT    PRIMARY KEY,
    channel_id   TEXT,
    schedule     TEXT,
    timezone     TEXT,
    paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    ping_role_id TEXT,
    threads      INTEGER NOT NULL DEFAULT 0 CHECK (threads IN (0, 1)),
    next_drop_at INTEGER,
    updated_at   INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE drops (
    guild_id    TEXT    NOT NULL,
    story_id    TEXT    NOT NULL,
    part_id     TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'posting', 'posted')),
    reason      TEXT    NOT NULL,
    pages       INTEGER NOT NULL CHECK (pages > 0),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    thread_id   TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    posted_at   INTEGER,
    PRIMARY KEY (guild_id, story_id, part_id)
  ) STRICT;

  CREATE INDEX drops_unfinished ON drops (guild_id, state) WHERE state <> 'posted';

  CREATE TABLE drop_messages (
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    part_id    TEXT    NOT NULL,
    page       INTEGER NOT NULL CHECK (page >= 0),
    message_id TEXT    NOT NULL UNIQUE,
    PRIMARY KEY (guild_id, story_id, part_id, page),
    FOREIGN KEY (guild_id, story_id, part_id) REFERENCES drops (guild_id, story_id, part_id)
      ON DELETE CASCADE
  ) STRICT;

  CREATE TABLE notify_subscriptions (
    guild_id   TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id, user_id)
  ) STRICT;

  CREATE TABLE drop_notices (
    guild_id TEXT    NOT NULL,
    story_id TEXT    NOT NULL,
    part_id  TEXT    NOT NULL,
    user_id  TEXT    NOT NULL,
    sent_at  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id, part_id, user_id)
  ) STRICT;
  `;
