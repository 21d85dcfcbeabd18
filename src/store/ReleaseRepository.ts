import type { Db } from "./openDatabase.js";

/** Which parts of a story each server has released, and when. */
export class ReleaseRepository {
  readonly #released;
  readonly #add;

  constructor(db: Db) {
    this.#released = db.prepare<{ guild: string; story: string }, { part_id: string }>(
      "SELECT part_id FROM releases WHERE guild_id = @guild AND story_id = @story",
    );
    this.#add = db.prepare<{ guild: string; story: string; part: string; now: number }>(
      `INSERT OR IGNORE INTO releases (guild_id, story_id, part_id, released_at)
       VALUES (@guild, @story, @part, @now)`,
    );
  }

  releasedIds(guildId: string, storyId: string): Set<string> {
    return new Set(
      this.#released.all({ guild: guildId, story: storyId }).map((row) => row.part_id),
    );
  }

  /** Marks a part released; returns false when it already was. */
  add(guildId: string, storyId: string, partId: string, now: Date): boolean {
    return (
      this.#add.run({ guild: guildId, story: storyId, part: partId, now: now.getTime() }).changes >
      0
    );
  }
}
