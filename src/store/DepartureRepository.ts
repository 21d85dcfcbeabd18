import { GUILD_TABLES } from "./guildTables.js";
import type { Db } from "./openDatabase.js";

/** The servers the bot was removed from, and when: their data is purged after the retention. */
export class DepartureRepository {
  readonly #record;
  readonly #clear;
  readonly #due;
  readonly #leftBefore;
  readonly #known;

  constructor(db: Db) {
    // Each table's servers are found by jumping from one guild_id to the next along an index
    // that starts with it, not by reading every row: progress and reactions can be large.
    this.#known = GUILD_TABLES.filter((table) => table !== "departed_guilds").map((table) =>
      db.prepare<{ after: string }, { guild_id: string | null }>(
        `SELECT min(guild_id) AS guild_id FROM ${table} WHERE guild_id > @after`,
      ),
    );
    this.#record = db.prepare<{ guild: string; now: number }>(
      "INSERT OR IGNORE INTO departed_guilds (guild_id, left_at) VALUES (@guild, @now)",
    );
    this.#clear = db.prepare<{ guild: string }>(
      "DELETE FROM departed_guilds WHERE guild_id = @guild",
    );
    this.#leftBefore = db.prepare<{ guild: string; before: number }, { one: number }>(
      "SELECT 1 AS one FROM departed_guilds WHERE guild_id = @guild AND left_at <= @before",
    );
    this.#due = db.prepare<{ before: number }, { guild_id: string }>(
      "SELECT guild_id FROM departed_guilds WHERE left_at <= @before ORDER BY left_at",
    );
  }

  /** The bot left (or was removed from) a server; the first departure's time counts. */
  record(guildId: string, now: Date): void {
    this.#record.run({ guild: guildId, now: now.getTime() });
  }

  /** The bot is in the server (again): nothing of it is to be purged. */
  clear(guildId: string): void {
    this.#clear.run({ guild: guildId });
  }

  /** Every server the database holds data for, in any table. */
  knownGuilds(): Set<string> {
    const known = new Set<string>();
    for (const next of this.#known) {
      for (let after = ""; ; ) {
        const guildId = next.get({ after })?.guild_id ?? null;
        if (guildId === null) break;
        known.add(guildId);
        after = guildId;
      }
    }
    return known;
  }

  /** Whether the bot has been away from the server since `before` or earlier. */
  leftBefore(guildId: string, before: Date): boolean {
    return this.#leftBefore.get({ guild: guildId, before: before.getTime() }) !== undefined;
  }

  /** Servers the bot has been away from since `before` or earlier: their data is due to go. */
  due(before: Date): string[] {
    return this.#due.all({ before: before.getTime() }).map((row) => row.guild_id);
  }
}
