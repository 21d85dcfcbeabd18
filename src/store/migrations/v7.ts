/**
 * Migration 7: several stories per server. Settings move from a row per server to a row per
 * server and story (`story_settings`); a server may turn a story off (`carried_stories`) and let
 * a role read ahead (`early_access`). A read or a reading-button reaction is early when its part
 * had no release in the server when it was made: the row says so (`early`, set by the INSERT
 * that makes it), and the funnel counts early starts (`early_started`). A drop keeps a digest of
 * the text it posted (`text_digest`, NULL for the drops before), and author notices are per
 * story (`topic:story`).
 *
 * The old bot served one story, so each server's settings and notices go to every story id its
 * data knows (normally one). With none known, settings wait under story '' for the bot to claim
 * (StorySettingsRepository.claimUnassigned), and notices go: they only mark what was told once.
 * Rows from before are early by the same rule as new ones: no release of their part in the
 * server at or before their time (the author's note and the blurb, never released, always are).
 */
export const v7 = `
  CREATE TEMP TABLE v7_stories AS
    SELECT story_id FROM part_order UNION SELECT story_id FROM releases
    UNION SELECT story_id FROM drops UNION SELECT story_id FROM progress
    UNION SELECT story_id FROM part_reads;

  CREATE TABLE story_settings (
    guild_id     TEXT    NOT NULL,
    story_id     TEXT    NOT NULL,
    channel_id   TEXT,
    schedule     TEXT,
    timezone     TEXT,
    paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    ping_role_id TEXT,
    threads      INTEGER NOT NULL DEFAULT 0 CHECK (threads IN (0, 1)),
    revisions    TEXT    NOT NULL DEFAULT 'note' CHECK (revisions IN ('note', 'repost', 'leave')),
    next_drop_at INTEGER,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id)
  ) STRICT;
  INSERT INTO story_settings (guild_id, story_id, channel_id, schedule, timezone, paused,
      ping_role_id, threads, next_drop_at, updated_at)
    SELECT g.guild_id, s.story_id, g.channel_id, g.schedule, g.timezone, g.paused,
      g.ping_role_id, g.threads, g.next_drop_at, g.updated_at
    FROM guild_settings g
    CROSS JOIN (SELECT story_id FROM v7_stories
      UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 FROM v7_stories)) s;
  DROP TABLE guild_settings;

  CREATE TABLE carried_stories (
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    carried    INTEGER NOT NULL CHECK (carried IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id)
  ) STRICT;

  CREATE TABLE early_access (
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    role_id    TEXT    NOT NULL,
    parts      INTEGER NOT NULL CHECK (parts > 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, story_id, role_id)
  ) STRICT;

  ALTER TABLE part_reads ADD COLUMN early INTEGER NOT NULL DEFAULT 0 CHECK (early IN (0, 1));
  UPDATE part_reads SET early = 1
  WHERE NOT EXISTS (
    SELECT 1 FROM releases r WHERE r.guild_id = part_reads.guild_id
      AND r.story_id = part_reads.story_id AND r.part_id = part_reads.part_id
      AND r.released_at <= part_reads.started_at);

  ALTER TABLE part_read_counts
    ADD COLUMN early_started INTEGER NOT NULL DEFAULT 0 CHECK (early_started >= 0);
  UPDATE part_read_counts SET early_started = (
    SELECT count(*) FROM part_reads r WHERE r.guild_id = part_read_counts.guild_id
      AND r.story_id = part_read_counts.story_id AND r.part_id = part_read_counts.part_id
      AND r.early = 1);

  -- Whether a read is early was settled when its row was made, so these need only the row and
  -- the counter's key. Each inserts the counter if migration 6's trigger has not yet (SQLite
  -- fires the triggers of one statement in no order to rely on).
  CREATE TRIGGER part_read_started_early AFTER INSERT ON part_reads WHEN NEW.early = 1
  BEGIN
    INSERT INTO part_read_counts (guild_id, story_id, part_id, started, finished, early_started)
    VALUES (NEW.guild_id, NEW.story_id, NEW.part_id, 0, 0, 1)
    ON CONFLICT DO UPDATE SET early_started = early_started + 1;
  END;

  CREATE TRIGGER part_read_early_erased AFTER DELETE ON part_reads WHEN OLD.early = 1
  BEGIN
    UPDATE part_read_counts SET early_started = early_started - 1
    WHERE guild_id = OLD.guild_id AND story_id = OLD.story_id AND part_id = OLD.part_id;
  END;

  ALTER TABLE reading_reactions
    ADD COLUMN early INTEGER NOT NULL DEFAULT 0 CHECK (early IN (0, 1));
  UPDATE reading_reactions SET early = 1
  WHERE NOT EXISTS (
    SELECT 1 FROM releases r WHERE r.guild_id = reading_reactions.guild_id
      AND r.story_id = reading_reactions.story_id AND r.part_id = reading_reactions.part_id
      AND r.released_at <= reading_reactions.reacted_at);
  CREATE INDEX reading_reactions_early
    ON reading_reactions (guild_id, story_id, part_id, emoji, user_id) WHERE early = 1;

  ALTER TABLE drops ADD COLUMN text_digest TEXT;

  INSERT INTO author_notices (guild_id, topic, detail, told_at)
    SELECT n.guild_id, n.topic || ':' || s.story_id, n.detail, n.told_at
    FROM author_notices n CROSS JOIN v7_stories s WHERE n.topic = 'schedule';
  DELETE FROM author_notices WHERE topic = 'schedule';

  DROP TABLE v7_stories;
`;
