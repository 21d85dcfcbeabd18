import type { Revisions, StorySettings } from "../core/drop.js";
import type { Db } from "./openDatabase.js";

interface SettingsRow {
  guild_id: string;
  story_id: string;
  channel_id: string | null;
  schedule: string | null;
  timezone: string | null;
  paused: number;
  ping_role_id: string | null;
  threads: number;
  revisions: Revisions;
  next_drop_at: number | null;
}

export type SettingsChange = Partial<Omit<StorySettings, "guildId" | "storyId">>;

/** The story id under which migration 7 keeps settings when the database knew of no story. */
const UNASSIGNED = "";

const toSettings = (row: SettingsRow): StorySettings => ({
  guildId: row.guild_id,
  storyId: row.story_id,
  channelId: row.channel_id ?? undefined,
  schedule: row.schedule ?? undefined,
  timezone: row.timezone ?? undefined,
  paused: row.paused === 1,
  pingRoleId: row.ping_role_id ?? undefined,
  threads: row.threads === 1,
  revisions: row.revisions,
  nextDropAt: row.next_drop_at === null ? undefined : new Date(row.next_drop_at),
});

/** Each server's drop channel, schedule, pause and next drop time, per story. */
export class StorySettingsRepository {
  readonly #db: Db;
  readonly #get;
  readonly #upsert;
  readonly #claim;
  readonly #dropUnclaimed;
  readonly #channels;

  constructor(db: Db) {
    this.#db = db;
    this.#get = db.prepare<{ guild: string; story: string }, SettingsRow>(
      `SELECT guild_id, story_id, channel_id, schedule, timezone, paused, ping_role_id, threads,
         revisions, next_drop_at
       FROM story_settings WHERE guild_id = @guild AND story_id = @story`,
    );
    this.#upsert = db.prepare<SettingsRow & { updated_at: number }>(
      `INSERT INTO story_settings (guild_id, story_id, channel_id, schedule, timezone, paused,
         ping_role_id, threads, revisions, next_drop_at, updated_at)
       VALUES (@guild_id, @story_id, @channel_id, @schedule, @timezone, @paused, @ping_role_id,
         @threads, @revisions, @next_drop_at, @updated_at)
       ON CONFLICT (guild_id, story_id) DO UPDATE SET
         channel_id = excluded.channel_id, schedule = excluded.schedule, timezone = excluded.timezone,
         paused = excluded.paused, ping_role_id = excluded.ping_role_id, threads = excluded.threads,
         revisions = excluded.revisions, next_drop_at = excluded.next_drop_at, updated_at = excluded.updated_at`,
    );
    // A server that already has settings of its own for the story keeps them.
    this.#claim = db.prepare<{ story: string; unassigned: string }>(
      "UPDATE OR IGNORE story_settings SET story_id = @story WHERE story_id = @unassigned",
    );
    this.#dropUnclaimed = db.prepare<{ unassigned: string }>(
      "DELETE FROM story_settings WHERE story_id = @unassigned",
    );
    this.#channels = db
      .prepare<[], string>(
        "SELECT DISTINCT channel_id FROM story_settings WHERE channel_id IS NOT NULL",
      )
      .pluck();
  }

  /** Every reading channel a server has chosen, for any story. */
  channelIds(): string[] {
    return this.#channels.all();
  }

  /** The server's settings for a story (all unset, not paused, when it has none). */
  get(guildId: string, storyId: string): StorySettings {
    const row = this.#get.get({ guild: guildId, story: storyId });
    return row === undefined
      ? {
          guildId,
          storyId,
          channelId: undefined,
          schedule: undefined,
          timezone: undefined,
          paused: false,
          pingRoleId: undefined,
          threads: false,
          revisions: "note",
          nextDropAt: undefined,
        }
      : toSettings(row);
  }

  /** Changes some of the server's settings for a story and keeps the rest; returns the result. */
  update(guildId: string, storyId: string, change: SettingsChange, now: Date): StorySettings {
    const next = { ...this.get(guildId, storyId), ...change };
    this.#upsert.run({
      guild_id: guildId,
      story_id: storyId,
      channel_id: next.channelId ?? null,
      schedule: next.schedule ?? null,
      timezone: next.timezone ?? null,
      paused: next.paused ? 1 : 0,
      ping_role_id: next.pingRoleId ?? null,
      threads: next.threads ? 1 : 0,
      revisions: next.revisions,
      next_drop_at: next.nextDropAt?.getTime() ?? null,
      updated_at: now.getTime(),
    });
    return next;
  }

  /**
   * Gives a story the settings migration 7 could not place (the database knew of no story yet):
   * the bot's first story, at start. A no-op once they are placed.
   */
  claimUnassigned(storyId: string): void {
    this.#db.transaction(() => {
      this.#claim.run({ story: storyId, unassigned: UNASSIGNED });
      this.#dropUnclaimed.run({ unassigned: UNASSIGNED });
    })();
  }
}
