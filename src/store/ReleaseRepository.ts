import type { Db } from "./openDatabase.js";

export interface Release {
  readonly partId: string;
  readonly releasedAt: Date;
}

interface ReleaseRow {
  part_id: string;
  released_at: number;
}

/** Which parts of a story each server has released, and when. */
export class ReleaseRepository {
  readonly #list;
  readonly #add;

  constructor(db: Db) {
    this.#list = db.prepare<[string, string], ReleaseRow>(
      "SELECT part_id, released_at FROM releases WHERE guild_id = ? AND story_id = ? ORDER BY released_at, part_id",
    );
    this.#add = db.prepare<[string, string, string, number]>(
      "INSERT OR IGNORE INTO releases (guild_id, story_id, part_id, released_at) VALUES (?, ?, ?, ?)",
    );
  }

  list(guildId: string, storyId: string): Release[] {
    return this.#list
      .all(guildId, storyId)
      .map((row) => ({ partId: row.part_id, releasedAt: new Date(row.released_at) }));
  }

  releasedIds(guildId: string, storyId: string): Set<string> {
    return new Set(this.list(guildId, storyId).map((release) => release.partId));
  }

  /** Marks a part released; returns false when it already was. */
  add(guildId: string, storyId: string, partId: string, now: Date): boolean {
    return this.#add.run(guildId, storyId, partId, now.getTime()).changes > 0;
  }
}
