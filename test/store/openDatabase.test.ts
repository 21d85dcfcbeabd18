import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DatabaseError, openDatabase } from "../../src/store/openDatabase.js";
import { damagedDatabase } from "../helpers/damagedDatabase.js";
import { tempDir } from "../helpers/tempDir.js";

const restoreAdvice =
  'Restore the latest backup (see "Backups and restore" in the README), or move the file aside, with its -wal and -shm files if there are any, to start with an empty database.';

/** The DatabaseError that opening `path` throws. */
function refusal(path: string): DatabaseError {
  try {
    openDatabase(path).close();
  } catch (error) {
    if (error instanceof DatabaseError) return error;
    throw error;
  }
  throw new Error(`${path} opened`);
}

describe("openDatabase on a file it cannot use", () => {
  it("calls a file of random bytes damaged, and leaves it as it was", () => {
    const path = join(tempDir(), "serial.db");
    const bytes = randomBytes(8192);
    writeFileSync(path, bytes);
    expect(refusal(path).message).toBe(
      `The database at ${path} is damaged: SQLite says "file is not a database" (SQLITE_NOTADB).\n${restoreAdvice}`,
    );
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("quotes what quick_check finds in a database with a damaged page, before writing to it", () => {
    const path = damagedDatabase(tempDir(), "index");
    const bytes = readFileSync(path);
    const [found, index, entries, advice, ...rest] = refusal(path).message.split("\n");
    expect(found).toBe(`The database at ${path} is damaged: PRAGMA quick_check found:`);
    expect(index).toMatch(/^ {2}Tree \d+ page \d+: btreeInitPage\(\) returns error code 11$/);
    expect(entries).toBe("  wrong # of entries in index sqlite_autoindex_progress_1");
    expect(advice).toBe(restoreAdvice);
    expect(rest).toEqual([]);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("calls a database whose check fails with SQLITE_CORRUPT damaged", () => {
    const path = damagedDatabase(tempDir(), "table");
    expect(refusal(path).message).toBe(
      `The database at ${path} is damaged: SQLite says "database disk image is malformed" (SQLITE_CORRUPT).\n${restoreAdvice}`,
    );
  });

  it("says what to make writable, or to set DATABASE_PATH, for a path SQLite cannot open", () => {
    const path = join(tempDir(), "serial.db");
    mkdirSync(path);
    expect(refusal(path).message).toMatch(
      new RegExp(
        `^The bot cannot write the database at ${path}: SQLite says "unable to open database file" \\(SQLITE_CANTOPEN\\)\\. Make the file, its -wal and -shm files and its folder writable .* or set DATABASE_PATH to a file elsewhere\\.$`,
      ),
    );
  });

  it("names another program's lock once the busy timeout has passed", () => {
    const path = join(tempDir(), "serial.db");
    const holder = new Database(path);
    holder.exec("CREATE TABLE other (id INTEGER PRIMARY KEY); BEGIN EXCLUSIVE");
    try {
      expect(refusal(path).message).toMatch(
        /^Another program holds a lock on the database at .*serial\.db: SQLite says "database is locked" \(SQLITE_BUSY\)\. Stop it \(is another copy of the bot running on this file without sharding\?/,
      );
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("opens a sound database as before", () => {
    const path = join(tempDir(), "serial.db");
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma("quick_check", { simple: true })).toBe("ok");
    db.close();
  });
});
