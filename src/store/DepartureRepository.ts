import type { Db } from "./openDatabase.js";

/** The servers the bot was removed from, and when: their data is purged after the retention. */
export class DepartureRepository {
  readonly #record;
  readonly #clear;
  readonly #due;

  constructor(db: Db) {
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

  /** Servers left at least `retentionMs` before `now`, whose data is due to be purged. */
  due(now: Date, retentionMs: number): string[] {
    return this.#due.all({ before: now.getTime() - retentionMs }).map((row) => row.guild_id);
  }
}
