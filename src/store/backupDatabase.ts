import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { DatabaseError } from "./DatabaseError.js";
import { damagedDatabaseError } from "./explainSqliteError.js";
import { describeQuickCheck, QUOTED } from "./quickCheckReport.js";

/** The names backups are written under, and the only files the rotation deletes. */
const BACKUP_NAME = /^serial-\d{8}T\d{6}Z\.db$/;

/** `serial-20261124T120000Z.db` for 2026-11-24 12:00:00 UTC. */
function backupName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  return `serial-${stamp}.db`;
}

/**
 * Writes a copy of the database into `dir` (created if missing) as `serial-YYYYMMDDTHHMMSSZ.db`
 * (UTC, from `now`), then deletes the oldest files of that name pattern beyond the newest `keep`
 * (never the one just written, nor any other file). The copy is SQLite's online backup, so it is
 * consistent while the bot runs and writes. It is written under a temporary name, checked with
 * quick_check and renamed only then, so neither a crash nor a damaged database leaves a half or
 * damaged backup under a real name, and the rotation never deletes a good backup for a bad one.
 * Returns the backup's absolute path.
 */
export async function backupDatabase(
  db: Database.Database,
  dir: string,
  keep: number,
  now: Date,
): Promise<string> {
  if (!Number.isInteger(keep) || keep < 1)
    throw new RangeError(`keep must be a whole number of at least 1, not ${keep}`);
  const name = backupName(now);
  const path = resolve(dir, name);
  const partial = `${path}.partial-${randomBytes(4).toString("hex")}`;
  try {
    mkdirSync(dir, { recursive: true });
    await db.backup(partial);
    const damage = await checkCopy(partial);
    if (damage !== undefined) {
      throw new DatabaseError(
        `${damagedDatabaseError(db.name, `its backup's ${damage}`).message}\nNo backup was written; the older ones in ${resolve(dir)} are kept.`,
      );
    }
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(
      `Could not back up the database at ${db.name} into ${resolve(dir)}: ${error instanceof Error ? error.message : String(error)}${error instanceof Database.SqliteError ? ` (${error.code})` : ""}.`,
    );
  }
  const older = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && BACKUP_NAME.test(entry.name) && entry.name !== name)
    .map((entry) => entry.name)
    .sort();
  for (const old of older.slice(0, Math.max(0, older.length - (keep - 1)))) rmSync(join(dir, old));
  return path;
}

/** The SQLite driver, for the worker that checks a copy. */
const DRIVER = createRequire(import.meta.url).resolve("better-sqlite3");

/**
 * Runs quick_check on a copy in a worker thread: on a large database it takes seconds, which
 * would stall every server's interactions on the main thread. It opens the copy for writing,
 * though it writes nothing (a read-only connection would leave -wal and -shm files), and closes
 * it before it answers, so the copy is renamed only once nothing holds it.
 */
const CHECK_COPY = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const copy = new Database(workerData.path, { fileMustExist: true });
let rows;
try {
  rows = copy.prepare("PRAGMA quick_check(" + workerData.limit + ")").pluck().all();
} finally {
  copy.close();
}
parentPort.postMessage(rows);
`;

/** quick_check's report on a finished copy, or undefined when it is sound. */
async function checkCopy(path: string): Promise<string | undefined> {
  const worker = new Worker(CHECK_COPY, {
    eval: true,
    workerData: { driver: DRIVER, path, limit: QUOTED + 1 },
  });
  // An error in the worker rejects the wait for its message; its exit is then not waited for.
  const exited = once(worker, "exit").catch(() => undefined);
  const [rows]: unknown[] = await once(worker, "message");
  await exited;
  return describeQuickCheck(Array.isArray(rows) ? rows : [rows]);
}
