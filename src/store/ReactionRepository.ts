import type { PartTally } from "../core/reactionReport.js";
import type { Db } from "./openDatabase.js";

/** The part a drop message belongs to. */
export interface DropMessageKey {
  readonly guildId: string;
  readonly storyId: string;
  readonly partId: string;
}

/**
 * Every member's reaction on every drop message, and from the reaction buttons at the end of each
 * part in private reading. `reaction_counts`, kept by triggers, counts each reader once per part
 * and emoji, whichever way and however many times they reacted.
 */
export class ReactionRepository {
  readonly #dropMessage;
  readonly #add;
  readonly #remove;
  readonly #forget;
  readonly #clearMessage;
  readonly #clearEmoji;
  readonly #postedMessages;
  readonly #tallies;
  readonly #setReading;
  readonly #unsetReading;
  readonly #readingOf;
  readonly #forgetReading;
  readonly #db: Db;

  constructor(db: Db) {
    this.#dropMessage = db.prepare<
      [string],
      { guild_id: string; story_id: string; part_id: string }
    >("SELECT guild_id, story_id, part_id FROM drop_messages WHERE message_id = ?");
    this.#add = db.prepare<[string, string, string, string, string, string, number]>(
      `INSERT OR IGNORE INTO message_reactions (message_id, user_id, emoji, guild_id, story_id, part_id, reacted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#remove = db.prepare<[string, string, string]>(
      "DELETE FROM message_reactions WHERE message_id = ? AND user_id = ? AND emoji = ?",
    );
    this.#db = db;
    this.#clearMessage = db.prepare<[string]>("DELETE FROM message_reactions WHERE message_id = ?");
    this.#clearEmoji = db.prepare<[string, string]>(
      "DELETE FROM message_reactions WHERE message_id = ? AND emoji = ?",
    );
    this.#postedMessages = db.prepare<
      [string, string],
      { part_id: string; channel_id: string; message_id: string }
    >(
      `SELECT d.part_id, d.channel_id, m.message_id FROM drop_messages m
       JOIN drops d USING (guild_id, story_id, part_id)
       WHERE d.guild_id = ? AND d.story_id = ? AND d.state = 'posted' ORDER BY d.created_at, m.page`,
    );
    this.#forget = db.prepare<[string, string]>(
      "DELETE FROM message_reactions WHERE guild_id = ? AND user_id = ?",
    );
    this.#setReading = db.prepare<[string, string, string, string, string, number]>(
      `INSERT OR IGNORE INTO reading_reactions (guild_id, story_id, part_id, user_id, emoji, reacted_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.#unsetReading = db.prepare<[string, string, string, string, string]>(
      `DELETE FROM reading_reactions
       WHERE guild_id = ? AND story_id = ? AND part_id = ? AND user_id = ? AND emoji = ?`,
    );
    this.#readingOf = db.prepare<[string, string, string, string], { emoji: string }>(
      `SELECT emoji FROM reading_reactions
       WHERE guild_id = ? AND story_id = ? AND part_id = ? AND user_id = ?`,
    );
    this.#forgetReading = db.prepare<[string, string]>(
      "DELETE FROM reading_reactions WHERE guild_id = ? AND user_id = ?",
    );
    this.#tallies = db.prepare<
      { guild: string; story: string; excluded: string },
      { part_id: string; emoji: string; readers: number }
    >(
      `WITH excluded (part_id, emoji, readers) AS (
         SELECT part_id, emoji, count(*) FROM (
           SELECT m.part_id, m.emoji, m.user_id
           FROM json_each(@excluded) author
           CROSS JOIN message_reactions m INDEXED BY message_reactions_by_member
             ON m.guild_id = @guild AND m.user_id = author.value
           WHERE m.story_id = @story
           UNION
           SELECT r.part_id, r.emoji, r.user_id
           FROM json_each(@excluded) author
           CROSS JOIN reading_reactions r INDEXED BY reading_reactions_by_member
             ON r.guild_id = @guild AND r.user_id = author.value
           WHERE r.story_id = @story)
         GROUP BY part_id, emoji)
       SELECT c.part_id, c.emoji, c.readers - coalesce(e.readers, 0) AS readers
       FROM reaction_counts c LEFT JOIN excluded e USING (part_id, emoji)
       WHERE c.guild_id = @guild AND c.story_id = @story AND c.readers - coalesce(e.readers, 0) > 0
       ORDER BY c.part_id, readers DESC, c.emoji`,
    );
  }

  /** The drop a message belongs to, or undefined for any other message. */
  dropOf(messageId: string): DropMessageKey | undefined {
    const row = this.#dropMessage.get(messageId);
    return row === undefined
      ? undefined
      : { guildId: row.guild_id, storyId: row.story_id, partId: row.part_id };
  }

  add(key: DropMessageKey, messageId: string, userId: string, emoji: string, now: Date): void {
    this.#add.run(messageId, userId, emoji, key.guildId, key.storyId, key.partId, now.getTime());
  }

  remove(messageId: string, userId: string, emoji: string): void {
    this.#remove.run(messageId, userId, emoji);
  }

  /** Every reaction on a message was removed (a moderator cleared them). */
  clearMessage(messageId: string): void {
    this.#clearMessage.run(messageId);
  }

  /** Every reaction with one emoji on a message was removed. */
  clearEmoji(messageId: string, emoji: string): void {
    this.#clearEmoji.run(messageId, emoji);
  }

  /** The messages of a server's posted drops, for reconciling their reactions. */
  postedMessages(
    guildId: string,
    storyId: string,
  ): { partId: string; channelId: string; messageId: string }[] {
    return this.#postedMessages.all(guildId, storyId).map((row) => ({
      partId: row.part_id,
      channelId: row.channel_id,
      messageId: row.message_id,
    }));
  }

  /** Replaces what is kept for one message with its members' reactions as Discord has them now. */
  replaceMessage(
    key: DropMessageKey,
    messageId: string,
    members: ReadonlyMap<string, readonly string[]>,
    now: Date,
  ): void {
    this.#db.transaction(() => {
      this.#clearMessage.run(messageId);
      for (const [emoji, userIds] of members) {
        for (const userId of userIds) this.add(key, messageId, userId, emoji, now);
      }
    })();
  }

  /** Sets or unsets a member's reaction from the buttons at the end of a part in private reading. */
  setReading(
    key: { guildId: string; storyId: string; userId: string },
    partId: string,
    emoji: string,
    on: boolean,
    now: Date,
  ): void {
    if (on)
      this.#setReading.run(key.guildId, key.storyId, partId, key.userId, emoji, now.getTime());
    else this.#unsetReading.run(key.guildId, key.storyId, partId, key.userId, emoji);
  }

  /** The emoji a member chose for a part with the reading buttons. */
  readingOf(
    key: { guildId: string; storyId: string; userId: string },
    partId: string,
  ): Set<string> {
    return new Set(
      this.#readingOf.all(key.guildId, key.storyId, partId, key.userId).map((row) => row.emoji),
    );
  }

  forget(guildId: string, userId: string): void {
    this.#forget.run(guildId, userId);
    this.#forgetReading.run(guildId, userId);
  }

  /**
   * Readers per part and emoji in a server, from drop messages and reading buttons together (a
   * reader counts once per part and emoji), leaving out the `excluded` members (the authors).
   * It reads the counts the triggers keep, and only the authors' own rows (INDEXED BY: without
   * statistics, SQLite would rather scan every row of the server through the per-part index).
   */
  tallies(guildId: string, storyId: string, excluded: Iterable<string>): PartTally[] {
    return this.#tallies
      .all({ guild: guildId, story: storyId, excluded: JSON.stringify([...excluded]) })
      .map((row) => ({ partId: row.part_id, emoji: row.emoji, readers: row.readers }));
  }
}
