import { KeptReads } from "./KeptReads.js";
import type { Db } from "./openDatabase.js";

/**
 * Which stories each server carries. A server carries every story the bot serves unless its
 * authors turned one off, so only what they chose is kept: a story turned off, or back on.
 */
export class CarriedStoryRepository {
  readonly #excluded;
  readonly #set;
  /** Every interaction reads them; they change only by `/serial carry`. */
  readonly #kept: KeptReads<ReadonlySet<string>>;

  constructor(db: Db) {
    this.#kept = new KeptReads(db);
    this.#excluded = db.prepare<{ guild: string }, { story_id: string }>(
      "SELECT story_id FROM carried_stories WHERE guild_id = @guild AND carried = 0",
    );
    this.#set = db.prepare<{ guild: string; story: string; carried: number; now: number }>(
      `INSERT INTO carried_stories (guild_id, story_id, carried, updated_at)
       VALUES (@guild, @story, @carried, @now)
       ON CONFLICT DO UPDATE SET carried = excluded.carried, updated_at = excluded.updated_at`,
    );
  }

  /** The stories the server turned off. */
  excluded(guildId: string): ReadonlySet<string> {
    return this.#kept.get(
      guildId,
      "",
      () => new Set(this.#excluded.all({ guild: guildId }).map((row) => row.story_id)),
    );
  }

  /** Turns a story off in a server, or back on. */
  set(guildId: string, storyId: string, carried: boolean, now: Date): void {
    this.#kept.forgetGuild(guildId);
    this.#set.run({ guild: guildId, story: storyId, carried: carried ? 1 : 0, now: now.getTime() });
  }

  /** Forgets what was kept of a server, whose rows were deleted (a purge). */
  forgetKept(guildId: string): void {
    this.#kept.forgetGuild(guildId);
  }
}
