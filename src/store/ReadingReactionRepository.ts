import type { PartTally } from "../core/reactionReport.js";
import type { Db } from "./openDatabase.js";

interface ReadingParams {
  guild: string;
  story: string;
  part: string;
  user: string;
}

/** A member reading privately, in one server's copy of a story. */
export interface ReadingKey {
  readonly guildId: string;
  readonly storyId: string;
  readonly userId: string;
}

/**
 * The reactions members choose with the buttons at the end of each part in private reading. A
 * reaction to a part the server had not released yet is early (see PartReadRepository.record).
 */
export class ReadingReactionRepository {
  readonly #set;
  readonly #unset;
  readonly #of;
  readonly #forget;
  readonly #earlyTallies;

  constructor(db: Db) {
    this.#set = db.prepare<ReadingParams & { emoji: string; now: number }>(
      `INSERT OR IGNORE INTO reading_reactions
         (guild_id, story_id, part_id, user_id, emoji, reacted_at, early)
       VALUES (@guild, @story, @part, @user, @emoji, @now, NOT EXISTS (
         SELECT 1 FROM releases WHERE guild_id = @guild AND story_id = @story AND part_id = @part))`,
    );
    this.#unset = db.prepare<ReadingParams & { emoji: string }>(
      `DELETE FROM reading_reactions
       WHERE guild_id = @guild AND story_id = @story AND part_id = @part AND user_id = @user
         AND emoji = @emoji`,
    );
    this.#of = db.prepare<ReadingParams, { emoji: string }>(
      `SELECT emoji FROM reading_reactions
       WHERE guild_id = @guild AND story_id = @story AND part_id = @part AND user_id = @user`,
    );
    this.#forget = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM reading_reactions WHERE guild_id = @guild AND user_id = @user",
    );
    // Early reactions are few (only members given early access make them): counted from their
    // own index at each look.
    this.#earlyTallies = db.prepare<
      { guild: string; story: string; excluded: string },
      { part_id: string; emoji: string; readers: number }
    >(
      `SELECT part_id, emoji, count(*) AS readers
       FROM reading_reactions INDEXED BY reading_reactions_early
       WHERE guild_id = @guild AND story_id = @story AND early = 1
         AND user_id NOT IN (SELECT value FROM json_each(@excluded))
       GROUP BY part_id, emoji
       ORDER BY part_id, readers DESC, emoji`,
    );
  }

  /** Sets or unsets a member's reaction to a part. */
  set(key: ReadingKey, partId: string, emoji: string, on: boolean, now: Date): void {
    const params = readingParams(key, partId);
    if (on) this.#set.run({ ...params, emoji, now: now.getTime() });
    else this.#unset.run({ ...params, emoji });
  }

  /** The emoji a member chose for a part. */
  of(key: ReadingKey, partId: string): Set<string> {
    return new Set(this.#of.all(readingParams(key, partId)).map((row) => row.emoji));
  }

  /**
   * Readers per part and emoji who reacted with the buttons before the part's release in the
   * server, leaving out the `excluded` members (the authors).
   */
  earlyTallies(guildId: string, storyId: string, excluded: Iterable<string>): PartTally[] {
    return this.#earlyTallies
      .all({ guild: guildId, story: storyId, excluded: JSON.stringify([...excluded]) })
      .map((row) => ({ partId: row.part_id, emoji: row.emoji, readers: row.readers }));
  }

  forget(guildId: string, userId: string): void {
    this.#forget.run({ guild: guildId, user: userId });
  }
}

function readingParams(key: ReadingKey, partId: string): ReadingParams {
  return { guild: key.guildId, story: key.storyId, part: partId, user: key.userId };
}
