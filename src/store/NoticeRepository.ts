import type { Db } from "./openDatabase.js";

/** Who asked (with /notify) for a DM on each drop, and which drop notices went out. */
export class NoticeRepository {
  readonly #subscribe;
  readonly #unsubscribe;
  readonly #isSubscribed;
  readonly #subscribers;
  readonly #claim;
  readonly #forgetSubscriptions;
  readonly #forgetNotices;

  constructor(db: Db) {
    this.#subscribe = db.prepare<[string, string, string, number]>(
      "INSERT OR IGNORE INTO notify_subscriptions (guild_id, story_id, user_id, created_at) VALUES (?, ?, ?, ?)",
    );
    this.#unsubscribe = db.prepare<[string, string, string]>(
      "DELETE FROM notify_subscriptions WHERE guild_id = ? AND story_id = ? AND user_id = ?",
    );
    this.#isSubscribed = db.prepare<[string, string, string], { one: number }>(
      "SELECT 1 AS one FROM notify_subscriptions WHERE guild_id = ? AND story_id = ? AND user_id = ?",
    );
    this.#subscribers = db.prepare<[string, string], { user_id: string }>(
      "SELECT user_id FROM notify_subscriptions WHERE guild_id = ? AND story_id = ? ORDER BY created_at",
    );
    this.#forgetSubscriptions = db.prepare<[string, string]>(
      "DELETE FROM notify_subscriptions WHERE guild_id = ? AND user_id = ?",
    );
    this.#forgetNotices = db.prepare<[string, string]>(
      "DELETE FROM drop_notices WHERE guild_id = ? AND user_id = ?",
    );
    this.#claim = db.prepare<[string, string, string, string, number]>(
      "INSERT OR IGNORE INTO drop_notices (guild_id, story_id, part_id, user_id, sent_at) VALUES (?, ?, ?, ?, ?)",
    );
  }

  subscribe(guildId: string, storyId: string, userId: string, now: Date): void {
    this.#subscribe.run(guildId, storyId, userId, now.getTime());
  }

  unsubscribe(guildId: string, storyId: string, userId: string): void {
    this.#unsubscribe.run(guildId, storyId, userId);
  }

  isSubscribed(guildId: string, storyId: string, userId: string): boolean {
    return this.#isSubscribed.get(guildId, storyId, userId) !== undefined;
  }

  subscribers(guildId: string, storyId: string): string[] {
    return this.#subscribers.all(guildId, storyId).map((row) => row.user_id);
  }

  forget(guildId: string, userId: string): void {
    this.#forgetSubscriptions.run(guildId, userId);
    this.#forgetNotices.run(guildId, userId);
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
    return this.#claim.run(key.guildId, key.storyId, key.partId, userId, now.getTime()).changes > 0;
  }
}
