import type { Drop, DropReason, DropState } from "../core/drop.js";
import type { Db } from "./openDatabase.js";

interface DropRow {
  guild_id: string;
  story_id: string;
  part_id: string;
  channel_id: string;
  state: DropState;
  reason: DropReason;
  pages: number;
  attempts: number;
  last_error: string | null;
  blocked: number;
  thread_id: string | null;
  text_digest: string | null;
  created_at: number;
  updated_at: number;
  posted_at: number | null;
}

export interface NewDrop {
  readonly guildId: string;
  readonly storyId: string;
  readonly partId: string;
  readonly channelId: string;
  readonly reason: DropReason;
  readonly pages: number;
  /** The digest of the part's text the drop posts (see textDigest). */
  readonly textDigest: string;
}

type DropKey = Pick<Drop, "guildId" | "storyId" | "partId">;

interface KeyParams {
  guild: string;
  story: string;
  part: string;
}

const COLUMNS =
  "guild_id, story_id, part_id, channel_id, state, reason, pages, attempts, last_error, blocked, thread_id, text_digest, created_at, updated_at, posted_at";

const KEY = "guild_id = @guild AND story_id = @story AND part_id = @part";

const UNFINISHED = "state IN ('pending', 'posting')";

const params = (key: DropKey): KeyParams => ({
  guild: key.guildId,
  story: key.storyId,
  part: key.partId,
});

/**
 * The drop state machine, one row per (server, story, part): a part is dropped at most once per
 * server, and every page posted is recorded with its message id before the next one is sent.
 */
export class DropRepository {
  readonly #db: Db;
  readonly #get;
  readonly #unfinished;
  readonly #allUnfinished;
  readonly #latest;
  readonly #messages;
  readonly #insert;
  readonly #addMessage;
  readonly #setState;
  readonly #fail;
  readonly #abandon;
  readonly #unblock;
  readonly #thread;
  readonly #clearMessages;
  readonly #forgetPagesFrom;
  readonly #move;
  readonly #adoptDigest;
  readonly #setDigest;
  readonly #posted;
  readonly #channels;

  constructor(db: Db) {
    this.#db = db;
    this.#get = db.prepare<KeyParams, DropRow>(`SELECT ${COLUMNS} FROM drops WHERE ${KEY}`);
    this.#channels = db.prepare<[], string>("SELECT DISTINCT channel_id FROM drops").pluck();
    this.#unfinished = db.prepare<{ guild: string; story: string }, DropRow>(
      `SELECT ${COLUMNS} FROM drops WHERE guild_id = @guild AND story_id = @story AND ${UNFINISHED}
       ORDER BY created_at LIMIT 1`,
    );
    this.#allUnfinished = db.prepare<{ story: string }, DropRow>(
      `SELECT ${COLUMNS} FROM drops WHERE story_id = @story AND ${UNFINISHED} ORDER BY guild_id`,
    );
    this.#latest = db.prepare<{ guild: string; story: string }, DropRow>(
      `SELECT ${COLUMNS} FROM drops WHERE guild_id = @guild AND story_id = @story
       ORDER BY created_at DESC LIMIT 1`,
    );
    this.#posted = db.prepare<{ guild: string; story: string }, DropRow & { gone: number }>(
      `SELECT ${COLUMNS}, (SELECT count(*) FROM drop_messages m WHERE m.guild_id = drops.guild_id
           AND m.story_id = drops.story_id AND m.part_id = drops.part_id
           AND m.gone_at IS NOT NULL) AS gone
       FROM drops WHERE guild_id = @guild AND story_id = @story AND state = 'posted'
       ORDER BY created_at`,
    );
    this.#messages = db.prepare<KeyParams, { message_id: string }>(
      `SELECT message_id FROM drop_messages WHERE ${KEY} ORDER BY page`,
    );
    // A part whose drop was abandoned (it had left the story) may come back: it starts afresh.
    this.#insert = db.prepare<
      KeyParams & {
        channel: string;
        reason: DropReason;
        pages: number;
        digest: string;
        now: number;
      }
    >(
      `INSERT INTO drops (guild_id, story_id, part_id, channel_id, state, reason, pages, text_digest,
         created_at, updated_at)
       VALUES (@guild, @story, @part, @channel, 'pending', @reason, @pages, @digest, @now, @now)
       ON CONFLICT DO UPDATE SET channel_id = excluded.channel_id, state = 'pending',
         reason = excluded.reason, pages = excluded.pages, attempts = 0, last_error = NULL,
         blocked = 0, thread_id = NULL, text_digest = excluded.text_digest,
         created_at = excluded.created_at,
         updated_at = excluded.updated_at, posted_at = NULL
       WHERE drops.state = 'abandoned'`,
    );
    this.#addMessage = db.prepare<KeyParams & { page: number; message: string }>(
      `INSERT INTO drop_messages (guild_id, story_id, part_id, page, message_id)
       VALUES (@guild, @story, @part, @page, @message)`,
    );
    this.#setState = db.prepare<
      KeyParams & { state: DropState; now: number; postedAt: number | null }
    >(
      `UPDATE drops SET state = @state, updated_at = @now, posted_at = @postedAt, last_error = NULL,
         blocked = 0
       WHERE ${KEY}`,
    );
    this.#clearMessages = db.prepare<KeyParams>(`DELETE FROM drop_messages WHERE ${KEY}`);
    this.#forgetPagesFrom = db.prepare<KeyParams & { page: number }>(
      `DELETE FROM drop_messages WHERE ${KEY} AND page >= @page`,
    );
    this.#move = db.prepare<KeyParams & { channel: string; now: number }>(
      `UPDATE drops SET channel_id = @channel, state = 'pending', thread_id = NULL, blocked = 0,
         updated_at = @now
       WHERE ${KEY}`,
    );
    this.#thread = db.prepare<KeyParams & { thread: string; now: number }>(
      `UPDATE drops SET thread_id = @thread, updated_at = @now WHERE ${KEY}`,
    );
    this.#fail = db.prepare<KeyParams & { error: string; blocked: number; now: number }>(
      `UPDATE drops SET attempts = attempts + 1, last_error = @error, blocked = @blocked,
         updated_at = @now
       WHERE ${KEY}`,
    );
    this.#unblock = db.prepare<KeyParams & { now: number }>(
      `UPDATE drops SET blocked = 0, updated_at = @now WHERE ${KEY} AND ${UNFINISHED}`,
    );
    this.#abandon = db.prepare<KeyParams & { reason: string; now: number }>(
      `UPDATE drops SET state = 'abandoned', last_error = @reason, blocked = 0, updated_at = @now
       WHERE ${KEY} AND ${UNFINISHED}`,
    );
    this.#adoptDigest = db.prepare<KeyParams & { digest: string }>(
      `UPDATE drops SET text_digest = @digest WHERE ${KEY} AND text_digest IS NULL`,
    );
    this.#setDigest = db.prepare<KeyParams & { digest: string; now: number }>(
      `UPDATE drops SET text_digest = @digest, updated_at = @now WHERE ${KEY}`,
    );
  }

  /** Every channel a drop was posted (or begun) in. */
  channelIds(): string[] {
    return this.#channels.all();
  }

  get(key: DropKey): Drop | undefined {
    const row = this.#get.get(params(key));
    return row === undefined ? undefined : this.#toDrop(row);
  }

  /** The server's drop that was started and not finished, if any. */
  unfinished(guildId: string, storyId: string): Drop | undefined {
    const row = this.#unfinished.get({ guild: guildId, story: storyId });
    return row === undefined ? undefined : this.#toDrop(row);
  }

  /** Every server's unfinished drop of a story, to check at start that their parts still exist. */
  allUnfinished(storyId: string): Drop[] {
    return this.#allUnfinished.all({ story: storyId }).map((row) => this.#toDrop(row));
  }

  /** The server's most recently started drop, for /serial status and missed-drop checks. */
  latest(guildId: string, storyId: string): Drop | undefined {
    const row = this.#latest.get({ guild: guildId, story: storyId });
    return row === undefined ? undefined : this.#toDrop(row);
  }

  /**
   * Creates a pending drop (or restarts an abandoned one); returns it, or undefined when the part
   * already has a drop that is not abandoned.
   */
  create(drop: NewDrop, now: Date): Drop | undefined {
    return this.#db.transaction(() => {
      const { changes } = this.#insert.run({
        ...params(drop),
        channel: drop.channelId,
        reason: drop.reason,
        pages: drop.pages,
        digest: drop.textDigest,
        now: now.getTime(),
      });
      if (changes === 0) return undefined;
      this.#clearMessages.run(params(drop));
      return this.get(drop);
    })();
  }

  /** Records one more page as posted (in order) and marks the drop as posting. */
  recordMessage(key: DropKey, page: number, messageId: string, now: Date): void {
    this.#db.transaction(() => {
      this.#addMessage.run({ ...params(key), page, message: messageId });
      this.#setState.run({ ...params(key), state: "posting", now: now.getTime(), postedAt: null });
    })();
  }

  /** Marks the drop posted; `alsoDo` (the release) runs in the same transaction. */
  markPosted(key: DropKey, now: Date, alsoDo: () => void): void {
    this.#db.transaction(() => {
      this.#setState.run({
        ...params(key),
        state: "posted",
        now: now.getTime(),
        postedAt: now.getTime(),
      });
      alsoDo();
    })();
  }

  /**
   * Gives up an unfinished drop for good, with why; `alsoDo` runs in the same transaction.
   * Returns false when there was no unfinished drop to abandon.
   */
  abandon(key: DropKey, reason: string, now: Date, alsoDo: () => void = () => undefined): boolean {
    return this.#db.transaction(() => {
      const { changes } = this.#abandon.run({ ...params(key), reason, now: now.getTime() });
      if (changes > 0) alsoDo();
      return changes > 0;
    })();
  }

  /**
   * Moves an unfinished drop to another channel, to be posted there from its first page (what was
   * posted before is forgotten: it was in a channel that is gone, or there was nothing yet).
   */
  moveTo(key: DropKey, channelId: string, now: Date): Drop | undefined {
    this.#db.transaction(() => {
      this.#clearMessages.run(params(key));
      this.#move.run({ ...params(key), channel: channelId, now: now.getTime() });
    })();
    return this.get(key);
  }

  /** Lets the schedule try a blocked drop again: the authors changed what made it fail. */
  unblock(key: DropKey, now: Date): void {
    this.#unblock.run({ ...params(key), now: now.getTime() });
  }

  /** Forgets the pages from `page` on (their messages are gone), to be posted again. */
  forgetPagesFrom(key: DropKey, page: number): void {
    this.#forgetPagesFrom.run({ ...params(key), page });
  }

  recordThread(key: DropKey, threadId: string, now: Date): void {
    this.#thread.run({ ...params(key), thread: threadId, now: now.getTime() });
  }

  /**
   * Records a failed attempt; the drop keeps its state and is tried again later: at its next
   * time, or, when `blocked` (only the authors can fix it), once they act.
   */
  recordFailure(key: DropKey, error: string, blocked: boolean, now: Date): void {
    this.#fail.run({ ...params(key), error, blocked: blocked ? 1 : 0, now: now.getTime() });
  }

  /**
   * Gives a drop from before digests were kept the digest of the part's text as it is now: the
   * bot assumes it unchanged since the upgrade. A drop with a digest keeps its own.
   */
  adoptDigest(guildId: string, storyId: string, partId: string, digest: string): void {
    this.#adoptDigest.run({ guild: guildId, story: storyId, part: partId, digest });
  }

  /** A server's posted drops of a story, oldest first, each with how many of its messages are gone. */
  posted(guildId: string, storyId: string): { drop: Drop; goneMessages: number }[] {
    return this.#posted
      .all({ guild: guildId, story: storyId })
      .map((row) => ({ drop: this.#toDrop(row), goneMessages: row.gone }));
  }

  /**
   * A dropped part was posted again, whole: its messages are now `messageIds` (page order), and
   * the channel's copy is of the text of `digest`.
   */
  replaceMessages(key: DropKey, messageIds: readonly string[], digest: string, now: Date): void {
    this.#db.transaction(() => {
      this.#clearMessages.run(params(key));
      for (const [page, message] of messageIds.entries()) {
        this.#addMessage.run({ ...params(key), page, message });
      }
      this.#setDigest.run({ ...params(key), digest, now: now.getTime() });
    })();
  }

  /** The channel's copy of a dropped part was revised to the text of `digest`. */
  setDigest(key: DropKey, digest: string, now: Date): void {
    this.#setDigest.run({ ...params(key), digest, now: now.getTime() });
  }

  #toDrop(row: DropRow): Drop {
    return {
      guildId: row.guild_id,
      storyId: row.story_id,
      partId: row.part_id,
      channelId: row.channel_id,
      state: row.state,
      reason: row.reason,
      pages: row.pages,
      messageIds: this.#messages
        .all({ guild: row.guild_id, story: row.story_id, part: row.part_id })
        .map((message) => message.message_id),
      attempts: row.attempts,
      lastError: row.last_error ?? undefined,
      blocked: row.blocked === 1,
      threadId: row.thread_id ?? undefined,
      textDigest: row.text_digest ?? undefined,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      postedAt: row.posted_at === null ? undefined : new Date(row.posted_at),
    };
  }
}
