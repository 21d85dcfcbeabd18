import type { Db } from "./openDatabase.js";

/**
 * What a repository read for a server, kept until this process writes it again: the rows a page
 * turn reads that change only when an author or a drop changes them (releases, early access, the
 * stories carried). Each server is served by one process (its shard), so its writes come through
 * here; a repository forgets a server's kept reads with each write to them, and the store with a
 * purge. A read inside a transaction is not kept, since the transaction may yet roll back.
 */
export class KeptReads<T> {
  readonly #db: Db;
  readonly #kept = new Map<string, Map<string, T>>();

  constructor(db: Db) {
    this.#db = db;
  }

  /** The kept result for the server and key, or `read()`'s, kept when it is committed data. */
  get(guildId: string, key: string, read: () => T): T {
    const kept = this.#kept.get(guildId)?.get(key);
    if (kept !== undefined) return kept;
    const value = read();
    if (!this.#db.inTransaction) {
      const ofGuild = this.#kept.get(guildId) ?? new Map<string, T>();
      ofGuild.set(key, value);
      this.#kept.set(guildId, ofGuild);
    }
    return value;
  }

  forget(guildId: string, key: string): void {
    this.#kept.get(guildId)?.delete(key);
  }

  forgetGuild(guildId: string): void {
    this.#kept.delete(guildId);
  }
}
