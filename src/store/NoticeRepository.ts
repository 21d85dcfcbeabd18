import type { Db } from "./openDatabase.js";

interface SubscriberParams {
  guild: string;
  story: string;
  user: string;
}

/** Who asked (with /notify) for a DM on each drop, and which drop notices went out. */
export class NoticeRepository {
  readonly #subscribe;
  readonly #unsubscribe;
  readonly #subscribers;
  readonly #claim;
  readonly #forgetSubscriptions;
  readonly #forgetNotices;

  constructor(db: Db) {
    this.#subscribe = db.prepare<SubscriberParams & { now: number }>(
      `INSERT OR IGNORE INTO notify_subscriptions (guild_id, story_id, user_id, created_at)
       VALUES (@guild, @story, @user, @now)`,
    );
    this.#unsubscribe = db.prepare<SubscriberParams>(
      `DELETE FROM notify_subscriptions
       WHERE guild_id = @guild AND story_id = @story AND user_id = @user`,
    );
    this.#subscribers = db.prepare<{ guild: string; story: string }, { user_id: string }>(
      `SELECT user_id FROM notify_subscriptions
       WHERE guild_id = @guild AND story_id = @story ORDER BY created_at`,
    );
    this.#forgetSubscriptions = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM notify_subscriptions WHERE guild_id = @guild AND user_id = @user",
    );
    this.#forgetNotices = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM drop_notices WHERE guild_id = @guild AND user_id = @user",
    );
    this.#claim = db.prepare<SubscriberParams & { part: string; now: number }>(
      `INSERT OR IGNORE INTO drop_notices (guild_id, story_id, part_id, user_id, sent_at)
       VALUES (@guild, @story, @part, @user, @now)`,
    );
  }

  subscribe(guildId: string, storyId: string, userId: string, now: Date): void {
    this.#subscribe.run({ guild: guildId, story: storyId, user: userId, now: now.getTime() });
  }

  unsubscribe(guildId: string, storyId: string, userId: string): void {
    this.#unsubscribe.run({ guild: guildId, story: storyId, user: userId });
  }

  subscribers(guildId: string, storyId: string): string[] {
    return this.#subscribers.all({ guild: guildId, story: storyId }).map((row) => row.user_id);
  }

  forget(guildId: string, userId: string): void {
    this.#forgetSubscriptions.run({ guild: guildId, user: userId });
    this.#forgetNotices.run({ guild: guildId, user: userId });
  }

  /**
   * Claims the notice of one drop for one member; false when it was already claimed. Claimed
   * before sending, so a crash can lose a notice but never send it twice.
   */
  claim(
    key: { guildId: string; storyId: string; partId: string },
    userId: string,
    now: Date,
  ): boolean {
    const params = { guild: key.guildId, story: key.storyId, part: key.partId, user: userId };
    return this.#claim.run({ ...params, now: now.getTime() }).changes > 0;
  }
}
