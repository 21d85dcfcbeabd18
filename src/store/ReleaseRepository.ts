import { KeptReads } from "./KeptReads.js";
import type { Db } from "./openDatabase.js";

/** Which parts of a story each server has released, and when. */
export class ReleaseRepository {
  readonly #released;
  readonly #add;
  /** Every page turn reads them; they change only on a drop or a release. */
  readonly #kept: KeptReads<ReadonlySet<string>>;

  constructor(db: Db) {
    this.#kept = new KeptReads(db);
    this.#released = db.prepare<{ guild: string; story: string }, { part_id: string }>(
      "SELECT part_id FROM releases WHERE guild_id = @guild AND story_id = @story",
    );
    this.#add = db.prepare<{ guild: string; story: string; part: string; now: number }>(
      `INSERT OR IGNORE INTO releases (guild_id, story_id, part_id, released_at)
       VALUES (@guild, @story, @part, @now)`,
    );
  }

  releasedIds(guildId: string, storyId: string): ReadonlySet<string> {
    return this.#kept.get(
      guildId,
      storyId,
      () => new Set(this.#released.all({ guild: guildId, story: storyId }).map((r) => r.part_id)),
    );
  }

  /** Marks a part released; returns false when it already was. */
  add(guildId: string, storyId: string, partId: string, now: Date): boolean {
    this.#kept.forget(guildId, storyId);
    return (
      this.#add.run({ guild: guildId, story: storyId, part: partId, now: now.getTime() }).changes >
      0
    );
  }

  /** Forgets what was kept of a server, whose rows were deleted (a purge). */
  forgetKept(guildId: string): void {
    this.#kept.forgetGuild(guildId);
  }
}
