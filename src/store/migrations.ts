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
];
