/** Migration 1: Reading positions and releases. Shipped: never edit it. */
export const v1 = `
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
  `;
