import type { GuildSettings } from "../core/drop.js";
import type { Db } from "./openDatabase.js";

interface SettingsRow {
  guild_id: string;
  channel_id: string | null;
  schedule: string | null;
  timezone: string | null;
  paused: number;
  ping_role_id: string | null;
  threads: number;
  next_drop_at: number | null;
}

export type SettingsChange = Partial<Omit<GuildSettings, "guildId">>;

const toSettings = (row: SettingsRow): GuildSettings => ({
  guildId: row.guild_id,
  channelId: row.channel_id ?? undefined,
  schedule: row.schedule ?? undefined,
  timezone: row.timezone ?? undefined,
  paused: row.paused === 1,
  pingRoleId: row.ping_role_id ?? undefined,
  threads: row.threads === 1,
  nextDropAt: row.next_drop_at === null ? undefined : new Date(row.next_drop_at),
});

/** Each server's drop channel, schedule, pause and next drop time. */
export class GuildSettingsRepository {
  readonly #get;
  readonly #upsert;

  constructor(db: Db) {
    this.#get = db.prepare<{ guild: string }, SettingsRow>(
      `SELECT guild_id, channel_id, schedule, timezone, paused, ping_role_id, threads, next_drop_at
       FROM guild_settings WHERE guild_id = @guild`,
    );
    this.#upsert = db.prepare<SettingsRow & { updated_at: number }>(
      `INSERT INTO guild_settings
         (guild_id, channel_id, schedule, timezone, paused, ping_role_id, threads, next_drop_at, updated_at)
       VALUES (@guild_id, @channel_id, @schedule, @timezone, @paused, @ping_role_id, @threads,
         @next_drop_at, @updated_at)
       ON CONFLICT (guild_id) DO UPDATE SET
         channel_id = excluded.channel_id, schedule = excluded.schedule, timezone = excluded.timezone,
         paused = excluded.paused, ping_role_id = excluded.ping_role_id, threads = excluded.threads,
         next_drop_at = excluded.next_drop_at, updated_at = excluded.updated_at`,
    );
  }

  /** The server's settings (all unset, not paused, when it has none). */
  get(guildId: string): GuildSettings {
    const row = this.#get.get({ guild: guildId });
    return row === undefined
      ? {
          guildId,
          channelId: undefined,
          schedule: undefined,
          timezone: undefined,
          paused: false,
          pingRoleId: undefined,
          threads: false,
          nextDropAt: undefined,
        }
      : toSettings(row);
  }

  /** Changes some settings and keeps the rest; returns the result. */
  update(guildId: string, change: SettingsChange, now: Date): GuildSettings {
    const next = { ...this.get(guildId), ...change };
    this.#upsert.run({
      guild_id: guildId,
      channel_id: next.channelId ?? null,
      schedule: next.schedule ?? null,
      timezone: next.timezone ?? null,
      paused: next.paused ? 1 : 0,
      ping_role_id: next.pingRoleId ?? null,
      threads: next.threads ? 1 : 0,
      next_drop_at: next.nextDropAt?.getTime() ?? null,
      updated_at: now.getTime(),
    });
    return next;
  }
}
