/**
 * Schema migrations, applied in order. The database's `PRAGMA user_version` is the number of
 * migrations it has; never edit a migration that has shipped, add a new one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE progress (
    guild_id   TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    part_id    TEXT    NOT NULL,
    "offset"   INTEGER NOT NULL CHECK ("offset" >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, story_id)
  ) STRICT;

  CREATE TABLE releases (
    guild_id    TEXT    NOT NULL,
    story_id    TEXT    NOT NULL,
    part_id     TEXT    NOT NULL,
    released_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id, part_id)
  ) STRICT;
  `,
  `
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
  `,
  `
  CREATE TABLE part_reads (
    guild_id    TEXT    NOT NULL,
    story_id    TEXT    NOT NULL,
    part_id     TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    PRIMARY KEY (guild_id, story_id, part_id, user_id)
  ) STRICT;

  CREATE TABLE message_reactions (
    message_id TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    emoji      TEXT    NOT NULL,
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    part_id    TEXT    NOT NULL,
    reacted_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
  ) STRICT;

  CREATE INDEX message_reactions_by_part ON message_reactions (guild_id, story_id, part_id, emoji);
  `,
  `
  CREATE TABLE reading_reactions (
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    part_id    TEXT    NOT NULL,
    user_id    TEXT    NOT NULL,
    emoji      TEXT    NOT NULL,
    reacted_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id, part_id, user_id, emoji)
  ) STRICT;

  CREATE INDEX reading_reactions_by_member ON reading_reactions (guild_id, user_id, story_id);

  DROP INDEX message_reactions_by_part;
  CREATE INDEX message_reactions_by_reader
    ON message_reactions (guild_id, story_id, part_id, user_id, emoji);
  CREATE INDEX message_reactions_by_member ON message_reactions (guild_id, user_id, story_id);

  CREATE TABLE reaction_counts (
    guild_id TEXT    NOT NULL,
    story_id TEXT    NOT NULL,
    part_id  TEXT    NOT NULL,
    emoji    TEXT    NOT NULL,
    readers  INTEGER NOT NULL CHECK (readers >= 0),
    PRIMARY KEY (guild_id, story_id, part_id, emoji)
  ) STRICT;

  CREATE TRIGGER message_reaction_added AFTER INSERT ON message_reactions
  WHEN NOT EXISTS (
      SELECT 1 FROM reading_reactions r WHERE r.guild_id = NEW.guild_id AND r.story_id = NEW.story_id
        AND r.part_id = NEW.part_id AND r.user_id = NEW.user_id AND r.emoji = NEW.emoji)
    AND (SELECT count(*) FROM message_reactions m WHERE m.guild_id = NEW.guild_id
        AND m.story_id = NEW.story_id AND m.part_id = NEW.part_id AND m.user_id = NEW.user_id
        AND m.emoji = NEW.emoji) = 1
  BEGIN
    INSERT INTO reaction_counts VALUES (NEW.guild_id, NEW.story_id, NEW.part_id, NEW.emoji, 1)
    ON CONFLICT DO UPDATE SET readers = readers + 1;
  END;

  CREATE TRIGGER message_reaction_removed AFTER DELETE ON message_reactions
  WHEN NOT EXISTS (
      SELECT 1 FROM reading_reactions r WHERE r.guild_id = OLD.guild_id AND r.story_id = OLD.story_id
        AND r.part_id = OLD.part_id AND r.user_id = OLD.user_id AND r.emoji = OLD.emoji)
    AND NOT EXISTS (
      SELECT 1 FROM message_reactions m WHERE m.guild_id = OLD.guild_id AND m.story_id = OLD.story_id
        AND m.part_id = OLD.part_id AND m.user_id = OLD.user_id AND m.emoji = OLD.emoji)
  BEGIN
    UPDATE reaction_counts SET readers = readers - 1
    WHERE guild_id = OLD.guild_id AND story_id = OLD.story_id AND part_id = OLD.part_id
      AND emoji = OLD.emoji;
  END;

  CREATE TRIGGER reading_reaction_added AFTER INSERT ON reading_reactions
  WHEN NOT EXISTS (
    SELECT 1 FROM message_reactions m WHERE m.guild_id = NEW.guild_id AND m.story_id = NEW.story_id
      AND m.part_id = NEW.part_id AND m.user_id = NEW.user_id AND m.emoji = NEW.emoji)
  BEGIN
    INSERT INTO reaction_counts VALUES (NEW.guild_id, NEW.story_id, NEW.part_id, NEW.emoji, 1)
    ON CONFLICT DO UPDATE SET readers = readers + 1;
  END;

  CREATE TRIGGER reading_reaction_removed AFTER DELETE ON reading_reactions
  WHEN NOT EXISTS (
    SELECT 1 FROM message_reactions m WHERE m.guild_id = OLD.guild_id AND m.story_id = OLD.story_id
      AND m.part_id = OLD.part_id AND m.user_id = OLD.user_id AND m.emoji = OLD.emoji)
  BEGIN
    UPDATE reaction_counts SET readers = readers - 1
    WHERE guild_id = OLD.guild_id AND story_id = OLD.story_id AND part_id = OLD.part_id
      AND emoji = OLD.emoji;
  END;

  INSERT INTO reaction_counts
  SELECT guild_id, story_id, part_id, emoji, count(DISTINCT user_id) FROM message_reactions
  GROUP BY guild_id, story_id, part_id, emoji;

  CREATE INDEX part_reads_by_member ON part_reads (guild_id, user_id);
  `,
  `
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
  `,
];
