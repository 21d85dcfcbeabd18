import type { CarryOn, ReadCounts } from "../core/reactionReport.js";
import type { Db } from "./openDatabase.js";

/** Which members started and finished each part (from the pages they were shown), for the author. */
export class PartReadRepository {
  readonly #record;
  readonly #readers;
  readonly #ofMember;
  readonly #forget;
  readonly #carryOn;

  constructor(db: Db) {
    this.#record = db.prepare<{
      guild: string;
      story: string;
      part: string;
      user: string;
      now: number;
      finished: number | null;
    }>(
      `INSERT INTO part_reads (guild_id, story_id, part_id, user_id, started_at, finished_at)
       VALUES (@guild, @story, @part, @user, @now, @finished)
       ON CONFLICT (guild_id, story_id, part_id, user_id)
       DO UPDATE SET finished_at = excluded.finished_at
       WHERE part_reads.finished_at IS NULL AND excluded.finished_at IS NOT NULL`,
    );
    this.#ofMember = db.prepare<
      { guild: string; story: string; user: string },
      { part_id: string; finished_at: number | null }
    >(
      `SELECT part_id, finished_at FROM part_reads
       WHERE guild_id = @guild AND story_id = @story AND user_id = @user`,
    );
    this.#forget = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM part_reads WHERE guild_id = @guild AND user_id = @user",
    );
    this.#readers = db.prepare<
      { guild: string; story: string; excluded: string },
      { part_id: string; started: number; finished: number }
    >(
      `SELECT part_id, count(*) AS started, count(finished_at) AS finished
       FROM part_reads
       WHERE guild_id = @guild AND story_id = @story
         AND user_id NOT IN (SELECT value FROM json_each(@excluded))
       GROUP BY part_id`,
    );
    this.#carryOn = db.prepare<
      { guild: string; story: string; pairs: string; excluded: string },
      { part_id: string; readers: number }
    >(
      `WITH pairs (previous, next) AS (SELECT value ->> 0, value ->> 1 FROM json_each(@pairs))
       SELECT pairs.next AS part_id, count(*) AS readers
       FROM pairs
       CROSS JOIN part_reads before ON before.guild_id = @guild AND before.story_id = @story
         AND before.part_id = pairs.previous
       CROSS JOIN part_reads after ON after.guild_id = @guild AND after.story_id = @story
         AND after.part_id = pairs.next AND after.user_id = before.user_id
       WHERE before.finished_at IS NOT NULL
         AND before.user_id NOT IN (SELECT value FROM json_each(@excluded))
       GROUP BY pairs.next`,
    );
  }

  /** A member was shown a page of a part; `finished` when it was the part's last page. */
  record(
    key: { guildId: string; storyId: string; userId: string },
    partId: string,
    finished: boolean,
    now: Date,
  ): void {
    this.#record.run({
      guild: key.guildId,
      story: key.storyId,
      part: partId,
      user: key.userId,
      now: now.getTime(),
      finished: finished ? now.getTime() : null,
    });
  }

  /** The parts a member started, and whether they finished each. */
  ofMember(guildId: string, storyId: string, userId: string): Map<string, boolean> {
    return new Map(
      this.#ofMember
        .all({ guild: guildId, story: storyId, user: userId })
        .map((row) => [row.part_id, row.finished_at !== null]),
    );
  }

  forget(guildId: string, userId: string): void {
    this.#forget.run({ guild: guildId, user: userId });
  }

  /** Readers per part in a server, leaving out the given members (the authors). */
  readers(guildId: string, storyId: string, excluded: Iterable<string>): ReadCounts[] {
    return this.#readers
      .all({ guild: guildId, story: storyId, excluded: JSON.stringify([...excluded]) })
      .map((row) => ({ partId: row.part_id, started: row.started, finished: row.finished }));
  }

  /**
   * For each (previous, next) pair of part ids, how many readers who finished the previous part
   * went on to start the next, leaving out the `excluded` members (the authors).
   */
  carryOn(
    guildId: string,
    storyId: string,
    pairs: readonly (readonly [string, string])[],
    excluded: Iterable<string>,
  ): CarryOn[] {
    return this.#carryOn
      .all({
        guild: guildId,
        story: storyId,
        pairs: JSON.stringify(pairs),
        excluded: JSON.stringify([...excluded]),
      })
      .map((row) => ({ partId: row.part_id, readers: row.readers }));
  }
}
