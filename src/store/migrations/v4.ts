/** Migration 4: Reactions from the reading buttons, and the counts the triggers keep. Shipped: never edit it. */
export const v4 = `
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
  `;
