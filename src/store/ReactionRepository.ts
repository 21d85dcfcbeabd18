import type { PartTally } from "../core/reactionReport.js";
import type { Db } from "./openDatabase.js";
import { type MessageReaction, ReactionFingerprints } from "./ReactionFingerprints.js";

/** The part a drop message belongs to. */
export interface DropMessageKey {
  readonly guildId: string;
  readonly storyId: string;
  readonly partId: string;
}

interface ReactionParams {
  message: string;
  user: string;
  emoji: string;
}

/**
 * Every member's reaction on every drop message. `reaction_counts`, kept by triggers, counts each
 * reader once per part and emoji, whichever way (here, or with the reading buttons of
 * ReadingReactionRepository) and however many times they reacted.
 *
 * What a member asked to be forgotten stays forgotten: their erased reactions are kept only as
 * fingerprints (ReactionFingerprints), so that catching up with Discord after a restart never
 * records them again, while a reaction they make afterwards counts.
 */
export class ReactionRepository {
  readonly #fingerprints: ReactionFingerprints;
  readonly #memberReactions;
  readonly #reconciledAt;
  readonly #setReconciled;
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
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
    this.#fingerprints = new ReactionFingerprints(db);
    this.#memberReactions = db.prepare<
      { guild: string; user: string },
      { message_id: string; emoji: string }
    >(
      "SELECT message_id, emoji FROM message_reactions WHERE guild_id = @guild AND user_id = @user",
    );
    this.#reconciledAt = db.prepare<{ guild: string; story: string }, { reconciled_at: number }>(
      "SELECT reconciled_at FROM reaction_reconciles WHERE guild_id = @guild AND story_id = @story",
    );
    this.#setReconciled = db.prepare<{ guild: string; story: string; at: number }>(
      `INSERT INTO reaction_reconciles (guild_id, story_id, reconciled_at) VALUES (@guild, @story, @at)
       ON CONFLICT DO UPDATE SET reconciled_at = excluded.reconciled_at`,
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
      { message: string },
      { guild_id: string; story_id: string; part_id: string }
    >("SELECT guild_id, story_id, part_id FROM drop_messages WHERE message_id = @message");
    this.#add = db.prepare<
      ReactionParams & { guild: string; story: string; part: string; now: number }
    >(
      `INSERT OR IGNORE INTO message_reactions (message_id, user_id, emoji, guild_id, story_id, part_id, reacted_at)
       VALUES (@message, @user, @emoji, @guild, @story, @part, @now)`,
    );
    this.#remove = db.prepare<ReactionParams>(
      "DELETE FROM message_reactions WHERE message_id = @message AND user_id = @user AND emoji = @emoji",
    );
    this.#clearMessage = db.prepare<{ message: string }>(
      "DELETE FROM message_reactions WHERE message_id = @message",
    );
    this.#clearEmoji = db.prepare<{ message: string; emoji: string }>(
      "DELETE FROM message_reactions WHERE message_id = @message AND emoji = @emoji",
    );
    this.#dropMessages = db.prepare<
      { guild: string; story: string },
      { part_id: string; channel_id: string; message_id: string }
    >(
      `SELECT d.part_id, d.channel_id, m.message_id FROM drop_messages m
       JOIN drops d USING (guild_id, story_id, part_id)
       WHERE d.guild_id = @guild AND d.story_id = @story AND m.gone_at IS NULL
       ORDER BY d.created_at, m.page`,
    );
    this.#forget = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM message_reactions WHERE guild_id = @guild AND user_id = @user",
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
    const row = this.#dropMessage.get({ message: messageId });
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
      this.#fingerprints.unerase(key.guildId, { messageId, userId, emoji });
      this.#addRow(key, { messageId, userId, emoji }, now);
    })();
  }

  remove(guildId: string, messageId: string, userId: string, emoji: string): void {
    this.#db.transaction(() => {
      this.#fingerprints.unerase(guildId, { messageId, userId, emoji });
      this.#remove.run({ message: messageId, user: userId, emoji });
    })();
  }

  /** Every reaction on a message was removed (a moderator cleared them). */
  clearMessage(messageId: string): void {
    this.#clearMessage.run({ message: messageId });
  }

  /** Every reaction with one emoji on a message was removed. */
  clearEmoji(messageId: string, emoji: string): void {
    this.#clearEmoji.run({ message: messageId, emoji });
  }

  /**
   * The messages of a server's drops (posted, part posted or given up: members react to every
   * page they see), for reconciling their reactions.
   */
  dropMessages(
    guildId: string,
    storyId: string,
  ): { partId: string; channelId: string; messageId: string }[] {
    return this.#dropMessages.all({ guild: guildId, story: storyId }).map((row) => ({
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
    const fingerprints = this.#fingerprints;
    this.#db.transaction(() => {
      const recorded = new Set(
        this.#recordedOn.all({ message: messageId }).map((row) => `${row.user_id} ${row.emoji}`),
      );
      this.#clearMessage.run({ message: messageId });
      for (const [emoji, userIds] of members) {
        for (const userId of userIds) {
          const reaction = { messageId, userId, emoji };
          if (fingerprints.isErased(guild, reaction)) continue;
          const erasedSince = fingerprints.forgottenSince(guild, userId, forgottenSince);
          if (erasedSince && !recorded.has(`${userId} ${emoji}`)) {
            fingerprints.erase(guild, reaction);
            continue;
          }
          this.#addRow(key, reaction, now);
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
      this.#fingerprints.retire(guildId, startedAt);
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

  /**
   * Erases a member's reactions on drop messages in a server, keeping only their fingerprints
   * and the member's, with the time, for the next catch-up (see the class comment). Their
   * reading-button reactions are ReadingReactionRepository's: Store.forgetMember erases both.
   */
  forget(guildId: string, userId: string, now: Date): void {
    for (const row of this.#memberReactions.all({ guild: guildId, user: userId })) {
      this.#fingerprints.erase(guildId, { messageId: row.message_id, userId, emoji: row.emoji });
    }
    this.#fingerprints.forgetMember(guildId, userId, now);
    this.#forget.run({ guild: guildId, user: userId });
  }

  #addRow(key: DropMessageKey, reaction: MessageReaction, now: Date): void {
    this.#add.run({
      message: reaction.messageId,
      user: reaction.userId,
      emoji: reaction.emoji,
      guild: key.guildId,
      story: key.storyId,
      part: key.partId,
      now: now.getTime(),
    });
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
