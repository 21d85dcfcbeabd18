import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";
import { eventually } from "../helpers/eventually.js";
import { tempDir } from "../helpers/tempDir.js";

const now = new Date("2026-12-02T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

/** What SQLite says of a file whose pages are not all from one moment. */
const TORN = new Set(["SQLITE_CORRUPT", "SQLITE_NOTADB"]);

/**
 * The releases in the database file alone, without its WAL: what checkpoints have copied into
 * it. A copy of the file is opened, so the store's own connections are left as they are.
 * Undefined when the copy was taken while the worker was writing pages into the file, and so
 * cannot be read: the next look copies it again.
 */
function checkpointedReleases(path: string, dir: string): number | undefined {
  const copy = join(dir, `copy-${Date.now()}.db`);
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'releases'").get();
    if (table === undefined) return 0;
    const row = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM releases").get();
    return row?.n ?? 0;
  } catch (error) {
    if (error instanceof Database.SqliteError && TORN.has(error.code)) return undefined;
    throw error;
  } finally {
    db.close();
  }
}

function writeReleases(opened: Store, count: number): void {
  for (let index = 0; index < count; index++) {
    opened.releases.add("100000000000000001", "drago", `part-${index}`, now);
  }
}

describe("WAL checkpoints in the background", () => {
  it("copies the bot's writes into the database file from a worker thread", async () => {
    const dir = tempDir();
    const path = join(dir, "serial.db");
    const failures: unknown[] = [];
    const opened = new Store(path, { backgroundCheckpoints: { failed: (e) => failures.push(e) } });
    store = opened;
    writeReleases(opened, 50);
    await eventually(() => checkpointedReleases(path, dir) === 50, "the worker's checkpoint", 5000);
    expect(failures).toEqual([]);
  });

  it("leaves no checkpoint to the bot's own connection while the worker runs", () => {
    const dir = tempDir();
    const path = join(dir, "serial.db");
    const opened = new Store(path, { backgroundCheckpoints: { failed: () => undefined } });
    store = opened;
    // Past SQLite's default of 1,000 WAL pages, the bot's own connection would have checkpointed
    // some of them (the worker's first checkpoint comes a second after the start).
    writeReleases(opened, 1500);
    expect(checkpointedReleases(path, dir)).toBe(0);
  });
});
