import Database from "better-sqlite3";
import { DatabaseError } from "./DatabaseError.js";

/** The README section that says how to take and restore backups. */
const RESTORE_ADVICE =
  'Restore the latest backup (see "Backups and restore" in the README), or move the file aside, with its -wal and -shm files if there are any, to start with an empty database.';

/** Whether an SQLite result code is `base` or one of its extended codes (`SQLITE_BUSY_TIMEOUT`). */
const isCode = (code: string, base: string) => code === base || code.startsWith(`${base}_`);

/** The database at `path` is damaged; `found` says how it was found out. */
export function damagedDatabaseError(path: string, found: string): DatabaseError {
  return new DatabaseError(`The database at ${path} is damaged: ${found}\n${RESTORE_ADVICE}`);
}

/**
 * What a better-sqlite3 error met while opening, checking or migrating the database at `path`
 * means for the person running the bot, as a DatabaseError naming the file and the fix; undefined
 * for an error that is not about the file (a bug, say), which should go on as it is.
 */
export function explainSqliteError(path: string, error: unknown): DatabaseError | undefined {
  if (!(error instanceof Database.SqliteError)) return undefined;
  const { code } = error;
  const sqlite = `SQLite says "${error.message}" (${code})`;
  if (isCode(code, "SQLITE_NOTADB") || isCode(code, "SQLITE_CORRUPT"))
    return damagedDatabaseError(path, `${sqlite}.`);
  if (
    ["SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"].some((base) =>
      isCode(code, base),
    )
  ) {
    return new DatabaseError(
      `The bot cannot write the database at ${path}: ${sqlite}. Make the file, its -wal and -shm files and its folder writable by the user the bot runs as, or set DATABASE_PATH to a file elsewhere.`,
    );
  }
  if (isCode(code, "SQLITE_FULL")) {
    return new DatabaseError(
      `The disk holding the database at ${path} is full: ${sqlite}. Free some space on it, then start the bot again.`,
    );
  }
  if (isCode(code, "SQLITE_BUSY") || isCode(code, "SQLITE_LOCKED")) {
    return new DatabaseError(
      `Another program holds a lock on the database at ${path}: ${sqlite}. Stop it (is another copy of the bot running on this file without sharding? Run several with npm run start:sharded), then start the bot again.`,
    );
  }
  return undefined;
}
