import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { DatabaseError } from "./DatabaseError.js";
import { damagedDatabaseError, explainSqliteError } from "./explainSqliteError.js";
import { migrations } from "./migrations.js";
import { quickCheckReport } from "./quickCheckReport.js";

export { DatabaseError } from "./DatabaseError.js";

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` with WAL, foreign keys and a busy
 * timeout, and brings its schema up to date. `:memory:` is accepted for throwaway databases.
 * A file that cannot be used (damaged, not writable, on a full disk, locked by another program)
 * stops it with a DatabaseError naming the file and the fix, before anything is written to it:
 * a damaged file is found by `PRAGMA quick_check` at once, not by a failing command later.
 */
export function openDatabase(path: string): Db {
  let db: Db;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: 5000 });
  } catch (error) {
    throw (
      explainSqliteError(path, error) ??
      new DatabaseError(
        `Cannot open the database at ${path}: ${error instanceof Error ? error.message : String(error)}. Set DATABASE_PATH to a file in a folder the bot can write to.`,
      )
    );
  }
  try {
    const damage = quickCheckReport(db);
    if (damage !== undefined) throw damagedDatabaseError(path, damage);
    switchToWal(db);
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db);
  } catch (error) {
    db.close();
    throw explainSqliteError(path, error) ?? error;
  }
  return db;
}

/** How long opening waits for another process (a shard) switching the same new file to WAL. */
const WAL_SWITCH_WAIT_MS = 5000;

/**
 * Switches the database to WAL. On a new file two shards starting together both try, and SQLite
 * answers the second at once with SQLITE_BUSY (the busy timeout does not cover this change), so
 * it waits a little and tries again, up to WAL_SWITCH_WAIT_MS; by then the first has switched.
 */
function switchToWal(db: Db): void {
  const deadline = Date.now() + WAL_SWITCH_WAIT_MS;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const busy = error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
      if (!busy || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

/**
 * Applies the migrations the database lacks, under an immediate (write) lock, so that two
 * processes starting together (shards) migrate once: the second sees the first one's version.
 */
function migrate(db: Db): void {
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true });
    if (typeof version !== "number")
      throw new DatabaseError("PRAGMA user_version returned no number.");
    if (version > migrations.length) {
      throw new DatabaseError(
        `The database ${db.name} has schema version ${version}, newer than this bot knows (${migrations.length}). Run a newer version of the bot, or point DATABASE_PATH at another file.`,
      );
    }
    for (let index = version; index < migrations.length; index += 1) {
      db.exec(migrations[index] ?? "");
      db.pragma(`user_version = ${index + 1}`);
    }
  }).immediate();
}
