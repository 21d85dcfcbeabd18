import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/store/backupDatabase.js";
import { DatabaseError } from "../../src/store/DatabaseError.js";
import { Store } from "../../src/store/Store.js";
import { damagedDatabase } from "../helpers/damagedDatabase.js";
import { tempDir } from "../helpers/tempDir.js";

const now = new Date("2026-11-24T12:34:56.789Z");
const reader = (user: number) => ({
  guildId: "100000000000000001",
  userId: `2000000000${user}`,
  storyId: "drago",
});

/** A store with `readers` saved places, enough for a copy of several backup steps. */
function storeWith(readers: number): Store {
  const store = new Store(join(tempDir(), "serial.db"));
  store.transaction(() => {
    for (let user = 0; user < readers; user += 1)
      store.progress.save(reader(user), { partId: `part-${"x".repeat(200)}`, offset: user }, now);
  });
  return store;
}

/** Opens a backup as the bot would, checked and migrated, and counts its saved places. */
function placesIn(path: string): number {
  const store = new Store(path);
  let places = 0;
  for (let user = 0; store.progress.get(reader(user)) !== undefined; user += 1) places += 1;
  store.close();
  return places;
}

describe("backupDatabase", () => {
  it("writes serial-YYYYMMDDTHHMMSSZ.db (UTC) into a folder it creates, a sound copy", async () => {
    const store = storeWith(10);
    const dir = join(tempDir(), "nested", "backups");
    const path = await store.backup(dir, 7, now);
    store.close();
    expect(path).toBe(join(dir, "serial-20261124T123456Z.db"));
    expect(readdirSync(dir)).toEqual(["serial-20261124T123456Z.db"]);
    expect(placesIn(path)).toBe(10);
    expect(readdirSync(dir)).toEqual(["serial-20261124T123456Z.db"]);
  });

  it("keeps the newest `keep` backups and deletes no other file, nor the one it wrote", async () => {
    const store = storeWith(1);
    const dir = tempDir();
    const others = [
      "notes.txt",
      "serial-latest.db",
      "serial-20200101T000000Z.db.partial-0a1b2c3d",
      "serial-20200101T000000Z.db-wal",
      "copy-20200101T000000Z.db",
      "serial-2020-01-01T00:00:00Z.db",
    ];
    for (const name of others) writeFileSync(join(dir, name), "not a backup");
    mkdirSync(join(dir, "serial-20190101T000000Z.db"));
    const older = [
      "serial-20261120T040000Z.db",
      "serial-20261121T040000Z.db",
      "serial-20261122T040000Z.db",
      "serial-20261123T040000Z.db",
    ];
    for (const name of older) writeFileSync(join(dir, name), "an older backup");

    await store.backup(dir, 3, now);
    expect(readdirSync(dir).sort()).toEqual(
      [
        ...others,
        "serial-20190101T000000Z.db",
        "serial-20261122T040000Z.db",
        "serial-20261123T040000Z.db",
        "serial-20261124T123456Z.db",
      ].sort(),
    );

    // A clock set back: the backup it just wrote is the oldest by name, and still kept.
    await store.backup(dir, 1, new Date("2026-01-01T00:00:00Z"));
    store.close();
    expect(readdirSync(dir).sort()).toEqual(
      [...others, "serial-20190101T000000Z.db", "serial-20260101T000000Z.db"].sort(),
    );
  });

  it("copies under a temporary name and gives it the real name only once complete", async () => {
    const store = storeWith(5000);
    const dir = tempDir();
    const pending = store.backup(dir, 7, now);
    let done = false;
    void pending.finally(() => {
      done = true;
    });
    const seen: string[][] = [];
    while (!done) {
      seen.push(readdirSync(dir));
      await nextTurn();
    }
    const path = await pending;
    store.close();
    const partial = /^serial-20261124T123456Z\.db\.partial-[0-9a-f]{8}$/;
    expect(seen.filter((names) => names.some((name) => partial.test(name))).length).toBeGreaterThan(
      2,
    );
    for (const names of seen) expect(names).not.toContain("serial-20261124T123456Z.db");
    expect(readdirSync(dir)).toEqual(["serial-20261124T123456Z.db"]);
    expect(placesIn(path)).toBe(5000);
  });

  it("leaves no file under a real name, nor a temporary one, when the copy is cut short", async () => {
    const store = storeWith(5000);
    const dir = tempDir();
    writeFileSync(join(dir, "serial-20261123T040000Z.db"), "an older backup");
    const pending = store.backup(dir, 1, now);
    await nextTurn();
    await nextTurn();
    store.close();
    await expect(pending).rejects.toThrow(
      /^Could not back up the database at .*serial\.db into .*: The database connection is not open\.$/,
    );
    expect(readdirSync(dir)).toEqual(["serial-20261123T040000Z.db"]);
  });

  it("is consistent while the bot goes on writing between its steps", async () => {
    const store = storeWith(5000);
    const pending = store.backup(tempDir(), 7, now);
    let written = 0;
    let done = false;
    void pending.finally(() => {
      done = true;
    });
    while (!done) {
      store.progress.save(reader(5000 + written), { partId: "new-york", offset: 0 }, now);
      written += 1;
      await nextTurn();
    }
    const path = await pending;
    store.close();
    expect(written).toBeGreaterThan(1);
    const places = placesIn(path);
    expect(places).toBeGreaterThanOrEqual(5000);
    expect(places).toBeLessThanOrEqual(5000 + written);
  });

  it("writes no backup of a damaged database, and keeps the older ones", async () => {
    const source = damagedDatabase(tempDir(), "index");
    const dir = tempDir();
    writeFileSync(join(dir, "serial-20261123T040000Z.db"), "an older backup");
    const db = new Database(source, { readonly: true, fileMustExist: true });
    const failure = backupDatabase(db, dir, 1, now);
    await expect(failure).rejects.toThrow(DatabaseError);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^The database at ${source} is damaged: its backup's PRAGMA quick_check found:\n {2}Tree .*\nRestore the latest backup .*\nNo backup was written; the older ones in ${dir} are kept\\.$`,
        "s",
      ),
    );
    db.close();
    expect(readdirSync(dir)).toEqual(["serial-20261123T040000Z.db"]);
    expect(readFileSync(join(dir, "serial-20261123T040000Z.db"), "utf8")).toBe("an older backup");
  });

  it("refuses to keep fewer than one backup", async () => {
    const store = storeWith(1);
    await expect(store.backup(tempDir(), 0, now)).rejects.toThrow(RangeError);
    store.close();
  });
});
