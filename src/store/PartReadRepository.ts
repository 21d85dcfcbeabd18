import type { Db } from "./openDatabase.js";

/** How many members started and finished one part. */
export interface PartReaders {
  readonly partId: string;
  readonly started: number;
  readonly finished: number;
}

/** Which members started and finished each part (from the pages they were shown), for the author. */
export class PartReadRepository {
  readonly #record;
  readonly #readers;
  readonly #ofMember;
  readonly #forget;

  constructor(db: Db) {
    this.#record = db.prepare<[string, string, string, string, number, number | null]>(
      `INSERT INTO part_reads (guild_id, story_id, part_id, user_id, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (guild_id, story_id, part_id, user_id)
       DO UPDATE SET finished_at = coalesce(part_reads.finished_at, excluded.finished_at)`,
    );
    this.#ofMember = db.prepare<
      [string, string, string],
      { part_id: string; finished_at: number | null }
    >(
      "SELECT part_id, finished_at FROM part_reads WHERE guild_id = ? AND story_id = ? AND user_id = ?",
    );
    this.#forget = db.prepare<[string, string]>(
      "DELETE FROM part_reads WHERE guild_id = ? AND user_id = ?",
    );
    this.#readers = db.prepare<
      [string, string, string],
      { part_id: string; started: number; finished: number }
    >(
      `SELECT part_id, count(*) AS started, count(finished_at) AS finished
       FROM part_reads
       WHERE guild_id = ? AND story_id = ? AND user_id NOT IN (SELECT value FROM json_each(?))
       GROUP BY part_id`,
    );
  }

  /** A member was shown a page of a part; `finished` when it was the part's last page. */
  record(
    key: { guildId: string; storyId: string; userId: string },
    partId: string,
    finished: boolean,
    now: Date,
  ): void {
    this.#record.run(
      key.guildId,
      key.storyId,
      partId,
      key.userId,
      now.getTime(),
      finished ? now.getTime() : null,
    );
  }

  /** The parts a member started, and whether they finished each. */
  ofMember(guildId: string, storyId: string, userId: string): Map<string, boolean> {
    return new Map(
      this.#ofMember
        .all(guildId, storyId, userId)
        .map((row) => [row.part_id, row.finished_at !== null]),
    );
  }

  forget(guildId: string, userId: string): void {
    this.#forget.run(guildId, userId);
  }

  /** Readers per part in a server, leaving out the given members (the authors). */
  readers(guildId: string, storyId: string, excluded: Iterable<string>): PartReaders[] {
    return this.#readers
      .all(guildId, storyId, JSON.stringify([...excluded]))
      .map((row) => ({ partId: row.part_id, started: row.started, finished: row.finished }));
  }
}
