import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrations } from "./migrations.js";

export type Db = Database.Database;

/** Thrown when the database file cannot be used; the message says which file and what to do. */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
}

/**
 * Opens (creating if needed) the SQLite database at `path` with WAL, foreign keys and a busy
 * timeout, and brings its schema up to date. `:memory:` is accepted for throwaway databases.
 */
export function openDatabase(path: string): Db {
  let db: Db;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: 5000 });
  } catch (error) {
    throw new DatabaseError(
      `Cannot open the database at ${path}: ${error instanceof Error ? error.message : String(error)}. Set DATABASE_PATH to a file in a folder the bot can write to.`,
    );
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
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
