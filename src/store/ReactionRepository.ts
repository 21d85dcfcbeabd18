import { createHmac } from "node:crypto";
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
 *
 * What a member asked to be forgotten stays forgotten: their erased reactions are kept only as
 * keyed fingerprints (HMAC-SHA256 with a key made for this database), so that catching up with
 * Discord after a restart never records them again, while a reaction they make afterwards counts.
 */
export class ReactionRepository {
  readonly #key: Buffer;
  readonly #memberReactions;
  readonly #tombstone;
  readonly #isTombstoned;
  readonly #untombstone;
  readonly #forgetMember;
  readonly #forgottenSince;
  readonly #reconciledAt;
  readonly #setReconciled;
  readonly #retireForgotten;
  readonly #recordedOn;
  readonly #markGone;
  readonly #markChannelGone;
  readonly #dropMessage;
  readonly #add;
  readonly #remove;
  readonly #forget;
  readonly #clearMessage;
  readonly #clearEmoji;
  readonly #dropMessages;
  readonly #tallies;
  readonly #setReading;
  readonly #unsetReading;
  readonly #readingOf;
  readonly #forgetReading;
  readonly #db: Db;

  constructor(db: Db) {
    const key = db
      .prepare<[], { value: Buffer }>("SELECT value FROM secrets WHERE name = 'forget_key'")
      .get();
    if (key === undefined) throw new Error("The database has no forget_key; migration 5 makes it.");
    this.#key = key.value;
    this.#memberReactions = db.prepare<
      { guild: string; user: string },
      { message_id: string; emoji: string }
    >(
      "SELECT message_id, emoji FROM message_reactions WHERE guild_id = @guild AND user_id = @user",
    );
    this.#tombstone = db.prepare<{ guild: string; digest: string }>(
      "INSERT OR IGNORE INTO forgotten_reactions (guild_id, digest) VALUES (@guild, @digest)",
    );
    this.#isTombstoned = db.prepare<{ guild: string; digest: string }, { one: number }>(
      "SELECT 1 AS one FROM forgotten_reactions WHERE guild_id = @guild AND digest = @digest",
    );
    this.#untombstone = db.prepare<{ guild: string; digest: string }>(
      "DELETE FROM forgotten_reactions WHERE guild_id = @guild AND digest = @digest",
    );
    this.#forgetMember = db.prepare<{ guild: string; digest: string; now: number }>(
      `INSERT INTO forgotten_members (guild_id, digest, forgotten_at) VALUES (@guild, @digest, @now)
       ON CONFLICT DO UPDATE SET forgotten_at = excluded.forgotten_at`,
    );
    this.#forgottenSince = db.prepare<
      { guild: string; digest: string; since: number },
      { one: number }
    >(
      `SELECT 1 AS one FROM forgotten_members
       WHERE guild_id = @guild AND digest = @digest AND forgotten_at >= @since`,
    );
    this.#reconciledAt = db.prepare<{ guild: string; story: string }, { reconciled_at: number }>(
      "SELECT reconciled_at FROM reaction_reconciles WHERE guild_id = @guild AND story_id = @story",
    );
    this.#setReconciled = db.prepare<{ guild: string; story: string; at: number }>(
      `INSERT INTO reaction_reconciles (guild_id, story_id, reconciled_at) VALUES (@guild, @story, @at)
       ON CONFLICT DO UPDATE SET reconciled_at = excluded.reconciled_at`,
    );
    this.#retireForgotten = db.prepare<{ guild: string; before: number }>(
      "DELETE FROM forgotten_members WHERE guild_id = @guild AND forgotten_at < @before",
    );
    this.#recordedOn = db.prepare<{ message: string }, { user_id: string; emoji: string }>(
      "SELECT user_id, emoji FROM message_reactions WHERE message_id = @message",
    );
    this.#markGone = db.prepare<{ message: string; now: number }>(
      "UPDATE drop_messages SET gone_at = @now WHERE message_id = @message AND gone_at IS NULL",
    );
    this.#markChannelGone = db.prepare<{
      guild: string;
      story: string;
      channel: string;
      now: number;
    }>(
      `UPDATE drop_messages SET gone_at = @now
       WHERE gone_at IS NULL AND (guild_id, story_id, part_id) IN (
         SELECT guild_id, story_id, part_id FROM drops
         WHERE guild_id = @guild AND story_id = @story AND channel_id = @channel)`,
    );
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
    this.#dropMessages = db.prepare<
      [string, string],
      { part_id: string; channel_id: string; message_id: string }
    >(
      `SELECT d.part_id, d.channel_id, m.message_id FROM drop_messages m
       JOIN drops d USING (guild_id, story_id, part_id)
       WHERE d.guild_id = ? AND d.story_id = ? AND m.gone_at IS NULL
       ORDER BY d.created_at, m.page`,
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

  /**
   * A member's reaction, as Discord sent it while the bot was up: it is new, even if the member
   * had the same one erased before (they removed it since, and put it back).
   */
  add(key: DropMessageKey, messageId: string, userId: string, emoji: string, now: Date): void {
    this.#db.transaction(() => {
      this.#untombstone.run({ guild: key.guildId, digest: this.#digest(messageId, userId, emoji) });
      this.#add.run(messageId, userId, emoji, key.guildId, key.storyId, key.partId, now.getTime());
    })();
  }

  remove(guildId: string, messageId: string, userId: string, emoji: string): void {
    this.#db.transaction(() => {
      this.#untombstone.run({ guild: guildId, digest: this.#digest(messageId, userId, emoji) });
      this.#remove.run(messageId, userId, emoji);
    })();
  }

  /** Every reaction on a message was removed (a moderator cleared them). */
  clearMessage(messageId: string): void {
    this.#clearMessage.run(messageId);
  }

  /** Every reaction with one emoji on a message was removed. */
  clearEmoji(messageId: string, emoji: string): void {
    this.#clearEmoji.run(messageId, emoji);
  }

  /**
   * The messages of a server's drops (posted, part posted or given up: members react to every
   * page they see), for reconciling their reactions.
   */
  dropMessages(
    guildId: string,
    storyId: string,
  ): { partId: string; channelId: string; messageId: string }[] {
    return this.#dropMessages.all(guildId, storyId).map((row) => ({
      partId: row.part_id,
      channelId: row.channel_id,
      messageId: row.message_id,
    }));
  }

  /**
   * Replaces what is kept for one message with its members' reactions as Discord has them now,
   * leaving out those a member had erased: fingerprinted ones, and, for members erased since the
   * last full catch-up (`forgottenSince`), any not already recorded (the bot cannot tell whether
   * Discord had it before the erase, so it forgets it too).
   */
  replaceMessage(
    key: DropMessageKey,
    messageId: string,
    members: ReadonlyMap<string, readonly string[]>,
    forgottenSince: Date,
    now: Date,
  ): void {
    const guild = key.guildId;
    this.#db.transaction(() => {
      const recorded = new Set(
        this.#recordedOn.all({ message: messageId }).map((row) => `${row.user_id} ${row.emoji}`),
      );
      this.#clearMessage.run(messageId);
      for (const [emoji, userIds] of members) {
        for (const userId of userIds) {
          const digest = this.#digest(messageId, userId, emoji);
          if (this.#isTombstoned.get({ guild, digest }) !== undefined) continue;
          const erasedSince =
            this.#forgottenSince.get({
              guild,
              digest: this.#memberDigest(guild, userId),
              since: forgottenSince.getTime(),
            }) !== undefined;
          if (erasedSince && !recorded.has(`${userId} ${emoji}`)) {
            this.#tombstone.run({ guild, digest });
            continue;
          }
          this.#add.run(messageId, userId, emoji, guild, key.storyId, key.partId, now.getTime());
        }
      }
    })();
  }

  /** When the server's reactions were last caught up in full (the start of that catch-up). */
  reconciledAt(guildId: string, storyId: string): Date {
    return new Date(this.#reconciledAt.get({ guild: guildId, story: storyId })?.reconciled_at ?? 0);
  }

  /**
   * A full catch-up that started at `startedAt` is done: members erased before it need no more
   * care beyond their fingerprinted reactions.
   */
  markReconciled(guildId: string, storyId: string, startedAt: Date): void {
    this.#db.transaction(() => {
      this.#setReconciled.run({ guild: guildId, story: storyId, at: startedAt.getTime() });
      this.#retireForgotten.run({ guild: guildId, before: startedAt.getTime() });
    })();
  }

  /** A drop message Discord no longer has (10008): never read again; its reactions are kept. */
  markGone(messageId: string, now: Date): void {
    this.#markGone.run({ message: messageId, now: now.getTime() });
  }

  /** A reading channel Discord no longer has (10003): none of its drop messages is read again. */
  markChannelGone(guildId: string, storyId: string, channelId: string, now: Date): void {
    this.#markChannelGone.run({
      guild: guildId,
      story: storyId,
      channel: channelId,
      now: now.getTime(),
    });
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

  /**
   * Erases a member's reactions in a server, keeping only fingerprints of those on drop messages
   * (see the class comment) and of the member, with the time, for the next catch-up.
   */
  forget(guildId: string, userId: string, now: Date): void {
    for (const row of this.#memberReactions.all({ guild: guildId, user: userId })) {
      this.#tombstone.run({
        guild: guildId,
        digest: this.#digest(row.message_id, userId, row.emoji),
      });
    }
    this.#forgetMember.run({
      guild: guildId,
      digest: this.#memberDigest(guildId, userId),
      now: now.getTime(),
    });
    this.#forget.run(guildId, userId);
    this.#forgetReading.run(guildId, userId);
  }

  #digest(messageId: string, userId: string, emoji: string): string {
    return createHmac("sha256", this.#key)
      .update(`reaction/${messageId}/${userId}/${emoji}`)
      .digest("base64url");
  }

  #memberDigest(guildId: string, userId: string): string {
    return createHmac("sha256", this.#key)
      .update(`member/${guildId}/${userId}`)
      .digest("base64url");
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
