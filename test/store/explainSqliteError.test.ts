import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DatabaseError } from "../../src/store/DatabaseError.js";
import { damagedDatabaseError, explainSqliteError } from "../../src/store/explainSqliteError.js";

const path = "/srv/bot/data/serial.db";
const explain = (code: string, message = "some SQLite message") =>
  explainSqliteError(path, new Database.SqliteError(message, code));

describe("explainSqliteError", () => {
  it.each(["SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CORRUPT_INDEX"])(
    "calls %s a damaged file, with the backup to restore or the file to move aside",
    (code) => {
      const error = explain(code, "database disk image is malformed");
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error?.message).toBe(
        `The database at ${path} is damaged: SQLite says "database disk image is malformed" (${code}).\nRestore the latest backup (see "Backups and restore" in the README), or move the file aside, with its -wal and -shm files if there are any, to start with an empty database.`,
      );
    },
  );

  it.each([
    "SQLITE_READONLY",
    "SQLITE_READONLY_DBMOVED",
    "SQLITE_CANTOPEN",
    "SQLITE_CANTOPEN_ISDIR",
    "SQLITE_PERM",
    "SQLITE_AUTH",
  ])("calls %s a file the bot cannot write, saying what to make writable or set", (code) => {
    expect(explain(code, "attempt to write a readonly database")?.message).toBe(
      `The bot cannot write the database at ${path}: SQLite says "attempt to write a readonly database" (${code}). Make the file, its -wal and -shm files and its folder writable by the user the bot runs as, or set DATABASE_PATH to a file elsewhere.`,
    );
  });

  it("calls SQLITE_FULL a full disk, to free space on", () => {
    expect(explain("SQLITE_FULL", "database or disk is full")?.message).toBe(
      `The disk holding the database at ${path} is full: SQLite says "database or disk is full" (SQLITE_FULL). Free some space on it, then start the bot again.`,
    );
  });

  it.each(["SQLITE_BUSY", "SQLITE_BUSY_TIMEOUT", "SQLITE_LOCKED", "SQLITE_LOCKED_SHAREDCACHE"])(
    "calls %s a lock held by another program, maybe another copy of the bot",
    (code) => {
      expect(explain(code, "database is locked")?.message).toBe(
        `Another program holds a lock on the database at ${path}: SQLite says "database is locked" (${code}). Stop it (is another copy of the bot running on this file without sharding? Run several with npm run start:sharded), then start the bot again.`,
      );
    },
  );

  it("leaves other SQLite errors, look-alike codes and other errors as they are", () => {
    expect(explain("SQLITE_ERROR")).toBeUndefined();
    expect(explain("SQLITE_CONSTRAINT_PRIMARYKEY")).toBeUndefined();
    expect(explain("SQLITE_IOERR_WRITE")).toBeUndefined();
    expect(explain("SQLITE_BUSYBODY")).toBeUndefined();
    expect(explainSqliteError(path, new Error("SQLITE_CORRUPT"))).toBeUndefined();
    expect(explainSqliteError(path, new DatabaseError("already explained"))).toBeUndefined();
    expect(explainSqliteError(path, "SQLITE_FULL")).toBeUndefined();
  });

  it("damagedDatabaseError says how the damage was found, then the fix", () => {
    expect(damagedDatabaseError(path, "PRAGMA quick_check found:\n  page 3").message).toBe(
      `The database at ${path} is damaged: PRAGMA quick_check found:\n  page 3\nRestore the latest backup (see "Backups and restore" in the README), or move the file aside, with its -wal and -shm files if there are any, to start with an empty database.`,
    );
  });
});
