import type { Position } from "../core/position.js";
import type { Db } from "./openDatabase.js";

export interface ReaderKey {
  readonly guildId: string;
  readonly userId: string;
  readonly storyId: string;
}

interface ProgressRow {
  part_id: string;
  offset: number;
}

interface ReaderParams {
  guild: string;
  user: string;
  story: string;
}

/** Where each member is in the story, per server: a part id and an offset into its text. */
export class ProgressRepository {
  readonly #get;
  readonly #save;
  readonly #delete;
  readonly #forget;
  readonly #byRecency;

  constructor(db: Db) {
    this.#byRecency = db.prepare<{ guild: string; user: string }, { story_id: string }>(
      `SELECT story_id FROM progress WHERE guild_id = @guild AND user_id = @user
       ORDER BY updated_at DESC, story_id`,
    );
    this.#get = db.prepare<ReaderParams, ProgressRow>(
      `SELECT part_id, "offset" FROM progress
       WHERE guild_id = @guild AND user_id = @user AND story_id = @story`,
    );
    this.#save = db.prepare<ReaderParams & { part: string; offset: number; now: number }>(
      `INSERT INTO progress (guild_id, user_id, story_id, part_id, "offset", updated_at)
       VALUES (@guild, @user, @story, @part, @offset, @now)
       ON CONFLICT (guild_id, user_id, story_id)
       DO UPDATE SET part_id = excluded.part_id, "offset" = excluded."offset", updated_at = excluded.updated_at`,
    );
    this.#forget = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM progress WHERE guild_id = @guild AND user_id = @user",
    );
    this.#delete = db.prepare<ReaderParams>(
      "DELETE FROM progress WHERE guild_id = @guild AND user_id = @user AND story_id = @story",
    );
  }

  get(key: ReaderKey): Position | undefined {
    const row = this.#get.get(readerParams(key));
    return row === undefined ? undefined : { partId: row.part_id, offset: row.offset };
  }

  save(key: ReaderKey, position: Position, now: Date): void {
    this.#save.run({
      ...readerParams(key),
      part: position.partId,
      offset: position.offset,
      now: now.getTime(),
    });
  }

  /** The stories the member has a place in, the one read last first. */
  storiesByRecency(guildId: string, userId: string): string[] {
    return this.#byRecency.all({ guild: guildId, user: userId }).map((row) => row.story_id);
  }

  forget(guildId: string, userId: string): void {
    this.#forget.run({ guild: guildId, user: userId });
  }

  clear(key: ReaderKey): void {
    this.#delete.run(readerParams(key));
  }
}

function readerParams(key: ReaderKey): ReaderParams {
  return { guild: key.guildId, user: key.userId, story: key.storyId };
}
