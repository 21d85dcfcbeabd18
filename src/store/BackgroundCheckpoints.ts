import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./openDatabase.js";

/** How often the worker copies the WAL's new pages into the database. */
const EVERY_MS = 1000;

/** SQLite's own default: checkpoint once the WAL holds this many pages. */
const AUTOCHECKPOINT_PAGES = 1000;

const DRIVER = createRequire(import.meta.url).resolve("better-sqlite3");

/**
 * A PASSIVE checkpoint waits for no reader or writer, so the bot's writes go on meanwhile.
 * SQLITE_BUSY means another connection (a shard's worker) is checkpointing now: its turn.
 */
const CHECKPOINTS = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch (error) {
    if (!String(error && error.code).startsWith("SQLITE_BUSY")) throw error;
  }
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop: without them, every thousandth page of
 * writes made one commit (a page turn) copy the WAL into the database on the main thread, a
 * third of a write's time on average. A worker thread with a connection of its own checkpoints
 * every second instead. Should the worker fail, the bot's connection checkpoints as before and
 * `failed` is told.
 */
export class BackgroundCheckpoints {
  readonly #db: Db;
  readonly #worker: Worker;

  constructor(db: Db, failed: (error: unknown) => void) {
    this.#db = db;
    db.pragma("wal_autocheckpoint = 0");
    this.#worker = new Worker(CHECKPOINTS, {
      eval: true,
      workerData: { driver: DRIVER, path: db.name, everyMs: EVERY_MS },
    });
    this.#worker.once("error", (error) => {
      this.#checkpointOnMainThread();
      failed(error);
    });
  }

  /** Stops the worker: it closes its connection, and the bot's checkpoints as before. */
  stop(): void {
    this.#checkpointOnMainThread();
    this.#worker.postMessage("stop");
    this.#worker.unref();
  }

  #checkpointOnMainThread(): void {
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
