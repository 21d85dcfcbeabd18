import { statSync } from "node:fs";
import Database from "better-sqlite3";
import type { Db } from "./openDatabase.js";

/** Whether the database answers: it does, another connection holds its lock, or it fails. */
export type DatabaseHealth = "ok" | "locked" | "failing";

/**
 * How long the probe waits for the write lock. The bot's own connection waits seconds (see
 * openDatabase), blocking the event loop meanwhile; a health check must answer fast instead.
 */
const PROBE_BUSY_TIMEOUT_MS = 100;

/**
 * Checks that the database takes writes, through a connection of its own with a short busy
 * timeout (`BEGIN IMMEDIATE; ROLLBACK`: the write lock, taken and given back, nothing written),
 * and measures its size on disk.
 */
export class HealthProbe {
  readonly #main: Db;
  #probe: Db | undefined;

  constructor(main: Db) {
    this.#main = main;
  }

  check(): DatabaseHealth {
    if (!this.#main.open) return "failing";
    try {
      const db = this.#connection();
      db.exec("BEGIN IMMEDIATE");
      db.exec("ROLLBACK");
      return "ok";
    } catch (error) {
      if (error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code))
        return "locked";
      // Opened again at the next check: the file may have been replaced or repaired meanwhile.
      this.close();
      return "failing";
    }
  }

  /** The database's size in bytes: its pages (page_count × page_size) and its WAL file. */
  sizeBytes(): number {
    const pages = this.#main.pragma("page_count", { simple: true });
    const pageSize = this.#main.pragma("page_size", { simple: true });
    if (typeof pages !== "number" || typeof pageSize !== "number")
      throw new Error("PRAGMA page_count or page_size returned no number.");
    const wal = this.#main.memory
      ? undefined
      : statSync(`${this.#main.name}-wal`, { throwIfNoEntry: false });
    return pages * pageSize + (wal?.size ?? 0);
  }

  close(): void {
    if (this.#probe !== undefined && this.#probe !== this.#main && this.#probe.open)
      this.#probe.close();
    this.#probe = undefined;
  }

  /** The probe's connection: its own for a file, the bot's for `:memory:` (which is private). */
  #connection(): Db {
    this.#probe ??= this.#main.memory
      ? this.#main
      : new Database(this.#main.name, { timeout: PROBE_BUSY_TIMEOUT_MS, fileMustExist: true });
    return this.#probe;
  }
}
