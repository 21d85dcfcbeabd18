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

/** Where each member is in the story, per server: a part id and an offset into its text. */
export class ProgressRepository {
  readonly #get;
  readonly #save;
  readonly #delete;
  readonly #forget;

  constructor(db: Db) {
    this.#get = db.prepare<[string, string, string], ProgressRow>(
      `SELECT part_id, "offset" FROM progress WHERE guild_id = ? AND user_id = ? AND story_id = ?`,
    );
    this.#save = db.prepare<[string, string, string, string, number, number]>(
      `INSERT INTO progress (guild_id, user_id, story_id, part_id, "offset", updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, user_id, story_id)
       DO UPDATE SET part_id = excluded.part_id, "offset" = excluded."offset", updated_at = excluded.updated_at`,
    );
    this.#forget = db.prepare<[string, string]>(
      "DELETE FROM progress WHERE guild_id = ? AND user_id = ?",
    );
    this.#delete = db.prepare<[string, string, string]>(
      "DELETE FROM progress WHERE guild_id = ? AND user_id = ? AND story_id = ?",
    );
  }

  get(key: ReaderKey): Position | undefined {
    const row = this.#get.get(key.guildId, key.userId, key.storyId);
    return row === undefined ? undefined : { partId: row.part_id, offset: row.offset };
  }

  save(key: ReaderKey, position: Position, now: Date): void {
    this.#save.run(
      key.guildId,
      key.userId,
      key.storyId,
      position.partId,
      position.offset,
      now.getTime(),
    );
  }

  forget(guildId: string, userId: string): void {
    this.#forget.run(guildId, userId);
  }

  clear(key: ReaderKey): void {
    this.#delete.run(key.guildId, key.userId, key.storyId);
  }
}
