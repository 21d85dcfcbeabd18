import type { Db } from "./openDatabase.js";

/** The part a drop message belongs to. */
export interface DropMessageKey {
  readonly guildId: string;
  readonly storyId: string;
  readonly partId: string;
}

/** How many members reacted to a part with one emoji. */
export interface PartReactions {
  readonly partId: string;
  readonly emoji: string;
  readonly members: number;
}

/**
 * Every member's reaction on every drop message. A member's emoji on two pages of one part
 * counts once for that part.
 */
export class ReactionRepository {
  readonly #dropMessage;
  readonly #add;
  readonly #remove;
  readonly #counts;
  readonly #forget;
  readonly #clearMessage;
  readonly #postedMessages;
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
    this.#counts = db.prepare<
      [string, string],
      { part_id: string; emoji: string; members: number }
    >(
      `SELECT part_id, emoji, count(DISTINCT user_id) AS members FROM message_reactions
       WHERE guild_id = ? AND story_id = ? GROUP BY part_id, emoji ORDER BY part_id, members DESC, emoji`,
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

  forget(guildId: string, userId: string): void {
    this.#forget.run(guildId, userId);
  }

  /** Members per part and emoji in a server. */
  counts(guildId: string, storyId: string): PartReactions[] {
    return this.#counts
      .all(guildId, storyId)
      .map((row) => ({ partId: row.part_id, emoji: row.emoji, members: row.members }));
  }
}
