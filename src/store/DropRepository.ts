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
  thread_id: string | null;
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
}

type DropKey = Pick<Drop, "guildId" | "storyId" | "partId">;

const COLUMNS =
  "guild_id, story_id, part_id, channel_id, state, reason, pages, attempts, last_error, thread_id, created_at, updated_at, posted_at";

/**
 * The drop state machine, one row per (server, story, part): a part is dropped at most once per
 * server, and every page posted is recorded with its message id before the next one is sent.
 */
export class DropRepository {
  readonly #db: Db;
  readonly #get;
  readonly #unfinished;
  readonly #latest;
  readonly #messages;
  readonly #insert;
  readonly #addMessage;
  readonly #setState;
  readonly #fail;
  readonly #thread;
  readonly #clearMessages;
  readonly #move;

  constructor(db: Db) {
    this.#db = db;
    this.#get = db.prepare<[string, string, string], DropRow>(
      `SELECT ${COLUMNS} FROM drops WHERE guild_id = ? AND story_id = ? AND part_id = ?`,
    );
    this.#unfinished = db.prepare<[string, string], DropRow>(
      `SELECT ${COLUMNS} FROM drops WHERE guild_id = ? AND story_id = ? AND state <> 'posted' ORDER BY created_at LIMIT 1`,
    );
    this.#latest = db.prepare<[string, string], DropRow>(
      `SELECT ${COLUMNS} FROM drops WHERE guild_id = ? AND story_id = ? ORDER BY created_at DESC LIMIT 1`,
    );
    this.#messages = db.prepare<[string, string, string], { message_id: string }>(
      "SELECT message_id FROM drop_messages WHERE guild_id = ? AND story_id = ? AND part_id = ? ORDER BY page",
    );
    this.#insert = db.prepare<[string, string, string, string, string, number, number, number]>(
      `INSERT INTO drops (guild_id, story_id, part_id, channel_id, state, reason, pages, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#addMessage = db.prepare<[string, string, string, number, string]>(
      "INSERT INTO drop_messages (guild_id, story_id, part_id, page, message_id) VALUES (?, ?, ?, ?, ?)",
    );
    this.#setState = db.prepare<[DropState, number, number | null, string, string, string]>(
      `UPDATE drops SET state = ?, updated_at = ?, posted_at = ?, last_error = NULL
       WHERE guild_id = ? AND story_id = ? AND part_id = ?`,
    );
    this.#clearMessages = db.prepare<[string, string, string]>(
      "DELETE FROM drop_messages WHERE guild_id = ? AND story_id = ? AND part_id = ?",
    );
    this.#move = db.prepare<[string, number, string, string, string]>(
      `UPDATE drops SET channel_id = ?, state = 'pending', thread_id = NULL, updated_at = ?
       WHERE guild_id = ? AND story_id = ? AND part_id = ?`,
    );
    this.#thread = db.prepare<[string, number, string, string, string]>(
      "UPDATE drops SET thread_id = ?, updated_at = ? WHERE guild_id = ? AND story_id = ? AND part_id = ?",
    );
    this.#fail = db.prepare<[string, number, string, string, string]>(
      `UPDATE drops SET attempts = attempts + 1, last_error = ?, updated_at = ?
       WHERE guild_id = ? AND story_id = ? AND part_id = ?`,
    );
  }

  get(key: DropKey): Drop | undefined {
    const row = this.#get.get(key.guildId, key.storyId, key.partId);
    return row === undefined ? undefined : this.#toDrop(row);
  }

  /** The server's drop that was started and not finished, if any. */
  unfinished(guildId: string, storyId: string): Drop | undefined {
    const row = this.#unfinished.get(guildId, storyId);
    return row === undefined ? undefined : this.#toDrop(row);
  }

  /** The server's most recently started drop, for /serial status and missed-drop checks. */
  latest(guildId: string, storyId: string): Drop | undefined {
    const row = this.#latest.get(guildId, storyId);
    return row === undefined ? undefined : this.#toDrop(row);
  }

  /** Creates a pending drop; returns it, or undefined when the part already has one. */
  create(drop: NewDrop, now: Date): Drop | undefined {
    const time = now.getTime();
    const { changes } = this.#insert.run(
      drop.guildId,
      drop.storyId,
      drop.partId,
      drop.channelId,
      drop.reason,
      drop.pages,
      time,
      time,
    );
    return changes === 0 ? undefined : this.get(drop);
  }

  /** Records one more page as posted (in order) and marks the drop as posting. */
  recordMessage(key: DropKey, page: number, messageId: string, now: Date): void {
    this.#db.transaction(() => {
      this.#addMessage.run(key.guildId, key.storyId, key.partId, page, messageId);
      this.#setState.run("posting", now.getTime(), null, key.guildId, key.storyId, key.partId);
    })();
  }

  /** Marks the drop posted; `alsoDo` (the release) runs in the same transaction. */
  markPosted(key: DropKey, now: Date, alsoDo: () => void): void {
    this.#db.transaction(() => {
      this.#setState.run(
        "posted",
        now.getTime(),
        now.getTime(),
        key.guildId,
        key.storyId,
        key.partId,
      );
      alsoDo();
    })();
  }

  /**
   * Moves an unfinished drop to another channel, to be posted there from its first page (what was
   * posted before is forgotten: it was in a channel that is gone, or there was nothing yet).
   */
  moveTo(key: DropKey, channelId: string, now: Date): Drop | undefined {
    this.#db.transaction(() => {
      this.#clearMessages.run(key.guildId, key.storyId, key.partId);
      this.#move.run(channelId, now.getTime(), key.guildId, key.storyId, key.partId);
    })();
    return this.get(key);
  }

  recordThread(key: DropKey, threadId: string, now: Date): void {
    this.#thread.run(threadId, now.getTime(), key.guildId, key.storyId, key.partId);
  }

  /** Records a failed attempt; the drop keeps its state and is tried again later. */
  recordFailure(key: DropKey, error: string, now: Date): void {
    this.#fail.run(error, now.getTime(), key.guildId, key.storyId, key.partId);
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
        .all(row.guild_id, row.story_id, row.part_id)
        .map((message) => message.message_id),
      attempts: row.attempts,
      lastError: row.last_error ?? undefined,
      threadId: row.thread_id ?? undefined,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      postedAt: row.posted_at === null ? undefined : new Date(row.posted_at),
    };
  }
}
