import { statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const reader = { guildId: "100000000000000001", userId: "200000000000000001", storyId: "drago" };

describe("Store.checkHealth", () => {
  it("is ok while the database takes writes, and writes nothing itself", () => {
    const path = join(tempDir(), "serial.db");
    const store = new Store(path);
    const size = store.sizeBytes();
    expect(store.checkHealth()).toBe("ok");
    expect(store.checkHealth()).toBe("ok");
    expect(store.sizeBytes()).toBe(size);
    store.close();
  });

  it("says locked within a fraction of a second while another connection holds the write lock, and ok once it is given back", () => {
    const path = join(tempDir(), "serial.db");
    const store = new Store(path);
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    expect(store.checkHealth()).toBe("locked");
    expect(performance.now() - started).toBeLessThan(1000);
    other.exec("ROLLBACK");
    expect(store.checkHealth()).toBe("ok");
    other.close();
    store.close();
  });

  it("says failing once the store is closed", () => {
    const store = new Store(join(tempDir(), "serial.db"));
    store.close();
    expect(store.checkHealth()).toBe("failing");
  });

  it("checks an in-memory database on its own connection", () => {
    const store = new Store(":memory:");
    expect(store.checkHealth()).toBe("ok");
    store.progress.save(reader, { partId: "new-york", offset: 0 }, new Date());
    expect(store.sizeBytes()).toBeGreaterThan(0);
    store.close();
  });
});

describe("Store.sizeBytes", () => {
  it("counts the database's pages and its WAL file", () => {
    const path = join(tempDir(), "serial.db");
    const store = new Store(path);
    const db = new Database(path);
    const pages = Number(db.pragma("page_count", { simple: true }));
    const pageSize = Number(db.pragma("page_size", { simple: true }));
    db.close();
    const wal = statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    expect(store.sizeBytes()).toBe(pages * pageSize + wal);
    const before = store.sizeBytes();
    for (let index = 0; index < 200; index += 1)
      store.progress.save(
        { ...reader, userId: `2000000000000${10000 + index}` },
        { partId: "new-york", offset: index },
        new Date(),
      );
    expect(store.sizeBytes()).toBeGreaterThan(before);
    store.close();
  });
});
