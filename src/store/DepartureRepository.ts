import type { Db } from "./openDatabase.js";

/** The servers the bot was removed from, and when: their data is purged after the retention. */
export class DepartureRepository {
  readonly #record;
  readonly #clear;
  readonly #due;
  readonly #known;

  constructor(db: Db) {
    // Progress can be large: its servers are found by jumping from one guild_id to the next
    // along its primary key, not by reading every row.
    this.#known = db.prepare<[], { guild_id: string }>(
      `WITH RECURSIVE readers (guild_id) AS (
         SELECT min(guild_id) FROM progress
         UNION ALL
         SELECT (SELECT min(guild_id) FROM progress WHERE guild_id > readers.guild_id)
         FROM readers WHERE readers.guild_id IS NOT NULL)
       SELECT guild_id FROM readers WHERE guild_id IS NOT NULL
       UNION SELECT guild_id FROM guild_settings
       UNION SELECT guild_id FROM releases
       UNION SELECT guild_id FROM drops
       UNION SELECT guild_id FROM notify_subscriptions`,
    );
    this.#record = db.prepare<{ guild: string; now: number }>(
      "INSERT OR IGNORE INTO departed_guilds (guild_id, left_at) VALUES (@guild, @now)",
    );
    this.#clear = db.prepare<{ guild: string }>(
      "DELETE FROM departed_guilds WHERE guild_id = @guild",
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

  /**
   * Every server the database holds data for (members only read, react and ask for DMs where
   * something was released, or in the story's always-readable parts, which saves a place).
   */
  knownGuilds(): string[] {
    return this.#known.all().map((row) => row.guild_id);
  }

  /** Servers left at least `retentionMs` before `now`, whose data is due to be purged. */
  due(now: Date, retentionMs: number): string[] {
    return this.#due.all({ before: now.getTime() - retentionMs }).map((row) => row.guild_id);
  }
}
