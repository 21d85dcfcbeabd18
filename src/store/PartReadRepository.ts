import type { CarryOn, ReadCounts } from "../core/reactionReport.js";
import type { Db } from "./openDatabase.js";

interface StoryParams {
  guild: string;
  story: string;
}

/**
 * Which members started and finished each part (from the pages they were shown), and who
 * started it early (before its release in the server), for the authors. The figures come from
 * counters the triggers of migrations 6 and 7 keep, less the authors' own rows (a handful), so
 * `/reactions` reads a row per part however many members read.
 */
export class PartReadRepository {
  readonly #db: Db;
  readonly #record;
  readonly #ofMember;
  readonly #forget;
  readonly #readers;
  readonly #carryOn;
  readonly #order;
  readonly #clearOrder;
  readonly #addOrder;
  readonly #recount;

  constructor(db: Db) {
    this.#db = db;
    this.#record = db.prepare<
      StoryParams & { part: string; user: string; now: number; finished: number | null }
    >(
      `INSERT INTO part_reads (guild_id, story_id, part_id, user_id, started_at, finished_at, early)
       VALUES (@guild, @story, @part, @user, @now, @finished, NOT EXISTS (
         SELECT 1 FROM releases WHERE guild_id = @guild AND story_id = @story AND part_id = @part))
       ON CONFLICT (guild_id, story_id, part_id, user_id)
       DO UPDATE SET finished_at = excluded.finished_at
       WHERE part_reads.finished_at IS NULL AND excluded.finished_at IS NOT NULL`,
    );
    this.#ofMember = db.prepare<
      StoryParams & { user: string },
      { part_id: string; finished_at: number | null }
    >(
      `SELECT part_id, finished_at FROM part_reads
       WHERE guild_id = @guild AND story_id = @story AND user_id = @user`,
    );
    this.#forget = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM part_reads WHERE guild_id = @guild AND user_id = @user",
    );
    this.#readers = db.prepare<
      StoryParams & { excluded: string },
      { part_id: string; started: number; finished: number; early_started: number }
    >(
      `WITH excluded (part_id, started, finished, early_started) AS (
         SELECT r.part_id, count(*), count(r.finished_at), sum(r.early)
         FROM (SELECT DISTINCT value FROM json_each(@excluded)) author
         CROSS JOIN part_reads r INDEXED BY part_reads_by_member
           ON r.guild_id = @guild AND r.user_id = author.value
         WHERE r.story_id = @story
         GROUP BY r.part_id)
       SELECT c.part_id, c.started - coalesce(e.started, 0) AS started,
         c.finished - coalesce(e.finished, 0) AS finished,
         c.early_started - coalesce(e.early_started, 0) AS early_started
       FROM part_read_counts c LEFT JOIN excluded e USING (part_id)
       WHERE c.guild_id = @guild AND c.story_id = @story AND c.started - coalesce(e.started, 0) > 0`,
    );
    this.#carryOn = db.prepare<
      StoryParams & { excluded: string },
      { part_id: string; readers: number }
    >(
      `WITH excluded (part_id, readers) AS (
         SELECT o.part_id, count(*)
         FROM (SELECT DISTINCT value FROM json_each(@excluded)) author
         CROSS JOIN part_reads after INDEXED BY part_reads_by_member
           ON after.guild_id = @guild AND after.user_id = author.value
         JOIN part_order o ON o.story_id = @story AND o.part_id = after.part_id
         JOIN part_reads before ON before.guild_id = @guild AND before.story_id = @story
           AND before.part_id = o.previous_part_id AND before.user_id = after.user_id
         WHERE after.story_id = @story AND before.finished_at IS NOT NULL
         GROUP BY o.part_id)
       SELECT c.part_id, c.carried_on - coalesce(e.readers, 0) AS readers
       FROM part_read_counts c LEFT JOIN excluded e USING (part_id)
       WHERE c.guild_id = @guild AND c.story_id = @story
         AND c.carried_on - coalesce(e.readers, 0) > 0`,
    );
    this.#order = db.prepare<{ story: string }, { part_id: string; previous_part_id: string }>(
      "SELECT part_id, previous_part_id FROM part_order WHERE story_id = @story",
    );
    this.#clearOrder = db.prepare<{ story: string }>(
      "DELETE FROM part_order WHERE story_id = @story",
    );
    this.#addOrder = db.prepare<{ story: string; part: string; previous: string }>(
      "INSERT INTO part_order (story_id, part_id, previous_part_id) VALUES (@story, @part, @previous)",
    );
    this.#recount = db.prepare<{ story: string }>(
      `UPDATE part_read_counts SET carried_on = (
         SELECT count(*) FROM part_order o
         JOIN part_reads before ON before.guild_id = part_read_counts.guild_id
           AND before.story_id = o.story_id AND before.part_id = o.previous_part_id
         JOIN part_reads after ON after.guild_id = before.guild_id
           AND after.story_id = before.story_id AND after.part_id = o.part_id
           AND after.user_id = before.user_id
         WHERE o.story_id = part_read_counts.story_id AND o.part_id = part_read_counts.part_id
           AND before.finished_at IS NOT NULL)
       WHERE story_id = @story`,
    );
  }

  /**
   * A member was shown a page of a part; `finished` when it was the part's last page. A first
   * read of a part the server has not released is early: the INSERT itself looks at the
   * releases, so the row says what the database held at that moment, whoever wrote it.
   */
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

  /**
   * The story's parts in order, for the funnel: which part a reader carries on to from which.
   * When the order differs from the one kept (the first start after the upgrade, a part added
   * or moved), every server's count of readers who carried on is counted again from the reads,
   * in one pass over them.
   */
  useOrder(storyId: string, partIds: readonly string[]): void {
    const wanted = new Map(
      partIds.slice(1).map((partId, index) => [partId, partIds[index] ?? ""] as const),
    );
    const same = () => {
      const kept = this.#order.all({ story: storyId });
      return (
        kept.length === wanted.size &&
        kept.every((row) => wanted.get(row.part_id) === row.previous_part_id)
      );
    };
    if (same()) return;
    // Under a write lock from the start (waiting for another shard's, as migrations do), and
    // compared again under it: the other shard may have written the same order meanwhile.
    this.#db
      .transaction(() => {
        if (same()) return;
        this.#clearOrder.run({ story: storyId });
        for (const [part, previous] of wanted) {
          this.#addOrder.run({ story: storyId, part, previous });
        }
        this.#recount.run({ story: storyId });
      })
      .immediate();
  }

  /** Readers per part in a server, leaving out the given members (the authors). */
  readers(guildId: string, storyId: string, excluded: Iterable<string>): ReadCounts[] {
    return this.#readers
      .all({ guild: guildId, story: storyId, excluded: JSON.stringify([...excluded]) })
      .map((row) => ({
        partId: row.part_id,
        started: row.started,
        finished: row.finished,
        earlyStarted: row.early_started,
      }));
  }

  /**
   * For each part, how many readers who finished the part before it (in the order `useOrder`
   * was given) went on to start it, leaving out the `excluded` members (the authors).
   */
  carryOn(guildId: string, storyId: string, excluded: Iterable<string>): CarryOn[] {
    return this.#carryOn
      .all({ guild: guildId, story: storyId, excluded: JSON.stringify([...excluded]) })
      .map((row) => ({ partId: row.part_id, readers: row.readers }));
  }
}
