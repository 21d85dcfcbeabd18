import type { Db } from "./openDatabase.js";

/** A standing problem the authors of a server are told about once, not at every start. */
export type NoticeTopic = "schedule";

/** Which standing problems each server's authors were told about, and in which words. */
export class AuthorNoticeRepository {
  readonly #get;
  readonly #set;
  readonly #clear;

  constructor(db: Db) {
    this.#get = db.prepare<{ guild: string; topic: NoticeTopic }, { detail: string }>(
      "SELECT detail FROM author_notices WHERE guild_id = @guild AND topic = @topic",
    );
    this.#set = db.prepare<{ guild: string; topic: NoticeTopic; detail: string; now: number }>(
      `INSERT INTO author_notices (guild_id, topic, detail, told_at)
       VALUES (@guild, @topic, @detail, @now)
       ON CONFLICT DO UPDATE SET detail = excluded.detail, told_at = excluded.told_at`,
    );
    this.#clear = db.prepare<{ guild: string; topic: NoticeTopic }>(
      "DELETE FROM author_notices WHERE guild_id = @guild AND topic = @topic",
    );
  }

  /**
   * Records that the authors are told `detail` about `topic`; false when they were told exactly
   * that already (so they are not told again).
   */
  tell(guildId: string, topic: NoticeTopic, detail: string, now: Date): boolean {
    if (this.#get.get({ guild: guildId, topic })?.detail === detail) return false;
    this.#set.run({ guild: guildId, topic, detail, now: now.getTime() });
    return true;
  }

  /** The problem is gone: if it comes back, the authors are told again. */
  clear(guildId: string, topic: NoticeTopic): void {
    this.#clear.run({ guild: guildId, topic });
  }
}
