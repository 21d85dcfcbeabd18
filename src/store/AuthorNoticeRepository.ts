import type { Db } from "./openDatabase.js";

/** A standing problem the authors of a server are told about once, not at every start. */
export type NoticeTopic = "schedule";

interface NoticeParams {
  guild: string;
  topic: string;
}

/** A topic about one story, as kept: `schedule:drago`. */
const noticeParams = (guildId: string, storyId: string, topic: NoticeTopic): NoticeParams => ({
  guild: guildId,
  topic: `${topic}:${storyId}`,
});

/** Which standing problems each server's authors were told about, per story, and in which words. */
export class AuthorNoticeRepository {
  readonly #get;
  readonly #set;
  readonly #clear;

  constructor(db: Db) {
    this.#get = db.prepare<NoticeParams, { detail: string }>(
      "SELECT detail FROM author_notices WHERE guild_id = @guild AND topic = @topic",
    );
    this.#set = db.prepare<NoticeParams & { detail: string; now: number }>(
      `INSERT INTO author_notices (guild_id, topic, detail, told_at)
       VALUES (@guild, @topic, @detail, @now)
       ON CONFLICT DO UPDATE SET detail = excluded.detail, told_at = excluded.told_at`,
    );
    this.#clear = db.prepare<NoticeParams>(
      "DELETE FROM author_notices WHERE guild_id = @guild AND topic = @topic",
    );
  }

  /**
   * Records that the authors are told `detail` about `topic` for a story; false when they were
   * told exactly that already (so they are not told again).
   */
  tell(guildId: string, storyId: string, topic: NoticeTopic, detail: string, now: Date): boolean {
    const params = noticeParams(guildId, storyId, topic);
    if (this.#get.get(params)?.detail === detail) return false;
    this.#set.run({ ...params, detail, now: now.getTime() });
    return true;
  }

  /** The problem is gone: if it comes back, the authors are told again. */
  clear(guildId: string, storyId: string, topic: NoticeTopic): void {
    this.#clear.run(noticeParams(guildId, storyId, topic));
  }
}
