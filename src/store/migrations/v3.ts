/** Migration 3: Reactions on drop messages, and which parts each member started and finished. Shipped: never edit it. */
export const v3 = `
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
  `;
