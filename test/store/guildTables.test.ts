import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { GUILD_TABLES } from "../../src/store/guildTables.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

describe("GUILD_TABLES", () => {
  it("lists every table with a guild_id column, so that purging a server misses none", () => {
    const path = join(tempDir(), "serial.db");
    new Store(path).close();
    const db = new Database(path, { readonly: true });
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((table) => table.name);
    const withGuild = tables.filter((table) =>
      db
        .prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)")
        .all(table)
        .some((column) => column.name === "guild_id"),
    );
    db.close();
    expect(withGuild.length).toBeGreaterThan(10);
    expect([...GUILD_TABLES].sort()).toEqual(withGuild);
    expect(new Set(GUILD_TABLES).size).toBe(GUILD_TABLES.length);
  });

  it("deletes a drop's messages before the drop, and reactions before their counts", () => {
    const position = (table: (typeof GUILD_TABLES)[number]) => GUILD_TABLES.indexOf(table);
    expect(position("drop_messages")).toBeLessThan(position("drops"));
    expect(position("message_reactions")).toBeLessThan(position("reaction_counts"));
    expect(position("reading_reactions")).toBeLessThan(position("reaction_counts"));
  });
});
