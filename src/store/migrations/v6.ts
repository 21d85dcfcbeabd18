/**
 * Migration 6: the readers funnel as counters. `part_read_counts` keeps, per server and part,
 * how many members started it, finished it, and started it after finishing the part before it;
 * triggers on `part_reads` keep it, so `/reactions` reads a row per part instead of joining
 * every pair of reads. Which part comes before which is the story's order (`part_order`),
 * written by the bot when it loads the story; `carried_on` is counted again whenever that order
 * changes (see PartReadRepository.useOrder), and is 0 until it is first written.
 */
export const v6 = `
  CREATE TABLE part_order (
    story_id         TEXT NOT NULL,
    part_id          TEXT NOT NULL,
    previous_part_id TEXT NOT NULL,
    PRIMARY KEY (story_id, part_id)
  ) STRICT;

  CREATE INDEX part_order_by_previous ON part_order (story_id, previous_part_id);

  CREATE TABLE part_read_counts (
    guild_id   TEXT    NOT NULL,
    story_id   TEXT    NOT NULL,
    part_id    TEXT    NOT NULL,
    started    INTEGER NOT NULL CHECK (started >= 0),
    finished   INTEGER NOT NULL CHECK (finished >= 0),
    carried_on INTEGER NOT NULL DEFAULT 0 CHECK (carried_on >= 0),
    PRIMARY KEY (guild_id, story_id, part_id)
  ) STRICT, WITHOUT ROWID;

  INSERT INTO part_read_counts (guild_id, story_id, part_id, started, finished)
  SELECT guild_id, story_id, part_id, count(*), count(finished_at) FROM part_reads
  GROUP BY guild_id, story_id, part_id;

  -- Each statement finds the part before or after by its key in part_order, then the member's
  -- read of it by the primary key of part_reads: a join here lets SQLite scan the reads instead.
  CREATE TRIGGER part_read_started AFTER INSERT ON part_reads
  BEGIN
    INSERT INTO part_read_counts (guild_id, story_id, part_id, started, finished)
    VALUES (NEW.guild_id, NEW.story_id, NEW.part_id, 1, NEW.finished_at IS NOT NULL)
    ON CONFLICT DO UPDATE SET started = started + 1,
      finished = finished + (NEW.finished_at IS NOT NULL);
    UPDATE part_read_counts SET carried_on = carried_on + 1
    WHERE guild_id = NEW.guild_id AND story_id = NEW.story_id AND part_id = NEW.part_id
      AND EXISTS (
        SELECT 1 FROM part_reads r WHERE r.guild_id = NEW.guild_id AND r.story_id = NEW.story_id
          AND r.part_id = (SELECT o.previous_part_id FROM part_order o
            WHERE o.story_id = NEW.story_id AND o.part_id = NEW.part_id)
          AND r.user_id = NEW.user_id AND r.finished_at IS NOT NULL);
    UPDATE part_read_counts SET carried_on = carried_on + 1
    WHERE NEW.finished_at IS NOT NULL AND guild_id = NEW.guild_id AND story_id = NEW.story_id
      AND part_id = (SELECT o.part_id FROM part_order o
        WHERE o.story_id = NEW.story_id AND o.previous_part_id = NEW.part_id)
      AND EXISTS (
        SELECT 1 FROM part_reads r WHERE r.guild_id = NEW.guild_id AND r.story_id = NEW.story_id
          AND r.part_id = part_read_counts.part_id AND r.user_id = NEW.user_id);
  END;

  CREATE TRIGGER part_read_finished AFTER UPDATE OF finished_at ON part_reads
  WHEN OLD.finished_at IS NULL AND NEW.finished_at IS NOT NULL
  BEGIN
    UPDATE part_read_counts SET finished = finished + 1
    WHERE guild_id = NEW.guild_id AND story_id = NEW.story_id AND part_id = NEW.part_id;
    UPDATE part_read_counts SET carried_on = carried_on + 1
    WHERE guild_id = NEW.guild_id AND story_id = NEW.story_id
      AND part_id = (SELECT o.part_id FROM part_order o
        WHERE o.story_id = NEW.story_id AND o.previous_part_id = NEW.part_id)
      AND EXISTS (
        SELECT 1 FROM part_reads r WHERE r.guild_id = NEW.guild_id AND r.story_id = NEW.story_id
          AND r.part_id = part_read_counts.part_id AND r.user_id = NEW.user_id);
  END;

  CREATE TRIGGER part_read_erased AFTER DELETE ON part_reads
  BEGIN
    UPDATE part_read_counts SET started = started - 1,
      finished = finished - (OLD.finished_at IS NOT NULL)
    WHERE guild_id = OLD.guild_id AND story_id = OLD.story_id AND part_id = OLD.part_id;
    UPDATE part_read_counts SET carried_on = carried_on - 1
    WHERE guild_id = OLD.guild_id AND story_id = OLD.story_id AND part_id = OLD.part_id
      AND EXISTS (
        SELECT 1 FROM part_reads r WHERE r.guild_id = OLD.guild_id AND r.story_id = OLD.story_id
          AND r.part_id = (SELECT o.previous_part_id FROM part_order o
            WHERE o.story_id = OLD.story_id AND o.part_id = OLD.part_id)
          AND r.user_id = OLD.user_id AND r.finished_at IS NOT NULL);
    UPDATE part_read_counts SET carried_on = carried_on - 1
    WHERE OLD.finished_at IS NOT NULL AND guild_id = OLD.guild_id AND story_id = OLD.story_id
      AND part_id = (SELECT o.part_id FROM part_order o
        WHERE o.story_id = OLD.story_id AND o.previous_part_id = OLD.part_id)
      AND EXISTS (
        SELECT 1 FROM part_reads r WHERE r.guild_id = OLD.guild_id AND r.story_id = OLD.story_id
          AND r.part_id = part_read_counts.part_id AND r.user_id = OLD.user_id);
  END;
`;
