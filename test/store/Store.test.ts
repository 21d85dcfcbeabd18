import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations.js";
import { DatabaseError } from "../../src/store/openDatabase.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const reader = { guildId: "100000000000000001", userId: "200000000000000001", storyId: "drago" };
const now = new Date("2026-11-24T12:00:00Z");

describe("Store", () => {
  it("creates the schema with WAL and records the migration count in user_version", () => {
    const path = join(tempDir(), "nested", "serial.db");
    new Store(path).close();
    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("saves, updates, reads back and clears a reader's position", () => {
    const store = new Store(join(tempDir(), "serial.db"));
    expect(store.progress.get(reader)).toBeUndefined();
    store.progress.save(reader, { partId: "new-york", offset: 0 }, now);
    store.progress.save(reader, { partId: "moscow", offset: 1234 }, now);
    expect(store.progress.get(reader)).toEqual({ partId: "moscow", offset: 1234 });
    expect(store.progress.get({ ...reader, guildId: "100000000000000002" })).toBeUndefined();
    store.progress.clear(reader);
    expect(store.progress.get(reader)).toBeUndefined();
    store.close();
  });

  it("keeps progress and releases across a reopen, as after a restart", () => {
    const path = join(tempDir(), "serial.db");
    const first = new Store(path);
    first.progress.save(reader, { partId: "moscow", offset: 42 }, now);
    expect(first.releases.add(reader.guildId, "drago", "new-york", now)).toBe(true);
    first.close();
    const second = new Store(path);
    expect(second.progress.get(reader)).toEqual({ partId: "moscow", offset: 42 });
    expect(second.releases.releasedIds(reader.guildId, "drago")).toEqual(new Set(["new-york"]));
    second.close();
  });

  it("releases a part once per server", () => {
    const store = new Store(join(tempDir(), "serial.db"));
    expect(store.releases.add(reader.guildId, "drago", "new-york", now)).toBe(true);
    expect(store.releases.add(reader.guildId, "drago", "new-york", now)).toBe(false);
    expect(store.releases.releasedIds(reader.guildId, "drago")).toEqual(new Set(["new-york"]));
    expect(store.releases.releasedIds("100000000000000002", "drago")).toEqual(new Set());
    store.close();
  });

  it("refuses a database from a newer version of the bot, naming the file", () => {
    const path = join(tempDir(), "serial.db");
    const db = new Database(path);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => new Store(path)).toThrow(DatabaseError);
    expect(() => new Store(path)).toThrow(/serial\.db has schema version .*newer/);
  });

  it("refuses a database path it cannot write, saying which setting to change", () => {
    const blocker = join(tempDir(), "not-a-folder");
    writeFileSync(blocker, "");
    const path = join(blocker, "serial.db");
    expect(() => new Store(path)).toThrow(DatabaseError);
    expect(() => new Store(path)).toThrow(/DATABASE_PATH/);
  });

  it("counts, per part, the members who started and finished it, and who started it before its release, leaving out the authors", () => {
    const store = new Store(join(tempDir(), "serial.db"));
    const key = (userId: string) => ({ guildId: reader.guildId, storyId: "drago", userId });
    store.reads.record(key("1"), "new-york", false, now);
    store.reads.record(key("1"), "new-york", true, now);
    store.reads.record(key("1"), "new-york", false, now);
    store.releases.add(reader.guildId, "drago", "new-york", now);
    store.reads.record(key("2"), "new-york", false, now);
    store.reads.record(key("author"), "new-york", true, now);
    store.reads.record(key("2"), "moscow", true, now);
    store.reads.record({ ...key("3"), guildId: "100000000000000002" }, "new-york", true, now);
    const readers = store.reads.readers(reader.guildId, "drago", ["author"]);
    expect(readers.sort((a, b) => a.partId.localeCompare(b.partId))).toEqual([
      { partId: "moscow", started: 1, finished: 1, earlyStarted: 1 },
      { partId: "new-york", started: 2, finished: 1, earlyStarted: 1 },
    ]);
    store.close();
  });

  it("counts the readers who finished one part and went on to the next, leaving out the authors", () => {
    const store = new Store(join(tempDir(), "serial.db"));
    const key = (userId: string) => ({ guildId: reader.guildId, storyId: "drago", userId });
    for (const userId of ["1", "2", "3", "author"])
      store.reads.record(key(userId), "note", true, now);
    store.reads.record(key("4"), "note", false, now);
    for (const userId of ["1", "2", "4", "author"])
      store.reads.record(key(userId), "new-york", false, now);
    store.reads.record(key("5"), "moscow", false, now);
    store.reads.useOrder("drago", ["note", "new-york", "moscow"]);
    expect(store.reads.carryOn(reader.guildId, "drago", ["author"])).toEqual([
      { partId: "new-york", readers: 2 },
    ]);
    expect(store.reads.carryOn(reader.guildId, "drago", [])).toEqual([
      { partId: "new-york", readers: 3 },
    ]);
    store.close();
  });
});
