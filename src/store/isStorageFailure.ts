import Database from "better-sqlite3";

/** SQLite result codes that mean the storage itself is failing: full, locked, read-only, damaged. */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CORRUPT|NOTADB|CANTOPEN|BUSY|LOCKED|PERM)/;

/** Whether an error means the database could not store (or read) anything, so nothing was saved. */
export function isStorageFailure(error: unknown): boolean {
  return error instanceof Database.SqliteError && STORAGE_CODES.test(error.code);
}
