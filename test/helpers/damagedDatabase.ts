import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Store } from "../../src/store/Store.js";

/**
 * A real database of the bot's (1000 saved places) with one b-tree leaf page overwritten with
 * 0xFF bytes, as a bad disk sector would: page 1 and the schema are whole, so the file opens. A
 * page of the progress table's primary-key index makes quick_check report the damage; a page of
 * the table itself makes it fail with SQLITE_CORRUPT.
 */
export function damagedDatabase(dir: string, damaged: "index" | "table"): string {
  const path = join(dir, "serial.db");
  const store = new Store(path);
  const now = new Date("2026-11-24T12:00:00Z");
  store.transaction(() => {
    for (let user = 0; user < 1000; user += 1) {
      const reader = {
        guildId: "100000000000000001",
        userId: `2000000000${user}`,
        storyId: "drago",
      };
      store.progress.save(reader, { partId: "new-york", offset: user }, now);
    }
  });
  store.close();
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma("page_size", { simple: true });
  const page = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .get(damaged === "index" ? "sqlite_autoindex_progress_1" : "progress");
  db.close();
  if (typeof pageSize !== "number" || typeof page !== "number")
    throw new Error(`No ${damaged} leaf page in ${path}`);
  const fd = openSync(path, "r+");
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
  return path;
}
