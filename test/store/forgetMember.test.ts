import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const storyId = "drago";
const member = "200000000000000001";
const neighbour = "200000000000000002";
const now = new Date(Date.UTC(2026, 10, 24, 12));

let store: Store | undefined;
afterEach(() => store?.close());

/** Writes everything the bot keeps about `userId` in `guild`, through the repositories. */
function keepEverythingAbout(open: Store, guild: string, userId: string): void {
  const reader = { guildId: guild, storyId, userId };
  const part = { guildId: guild, storyId, partId: "new-york" };
  open.progress.save(reader, { partId: "new-york", offset: 10 }, now);
  open.reads.record(reader, "new-york", true, now);
  open.notices.subscribe(guild, storyId, userId, now);
  open.notices.claim(part, userId, now);
  open.notes.add(guild, userId, "dms-closed", now);
  open.readingReactions.set(reader, "new-york", "❤️", true, now);
  open.reactions.add(part, `m-${guild}`, userId, "😮", now);
}

/** The tables with a member column, walked from the schema rather than listed by hand. */
function memberTables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((table) => table.name)
    .filter((table) =>
      db
        .prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)")
        .all(table)
        .some((column) => column.name === "user_id"),
    );
}

/** Each member table's rows for `userId` in `guild`, as sorted JSON. */
function rowsOf(db: Database.Database, guild: string, userId: string): Record<string, string[]> {
  return Object.fromEntries(
    memberTables(db).map((table) => [
      table,
      db
        .prepare<{ guild: string; user: string }, unknown>(
          `SELECT * FROM ${table} WHERE guild_id = @guild AND user_id = @user`,
        )
        .all({ guild, user: userId })
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );
}

describe("Store.forgetMember", () => {
  it("leaves no row of the member in any table with a member column, and every other row as it was", () => {
    const path = join(tempDir(), "serial.db");
    const open = new Store(path);
    store = open;
    for (const guild of [guildId, otherGuild]) {
      const key = { guildId: guild, storyId, partId: "new-york" };
      open.drops.create(
        { ...key, channelId: "300", reason: "now", pages: 1, textDigest: "d" },
        now,
      );
      open.drops.recordMessage(key, 0, `m-${guild}`, now);
      open.drops.markPosted(key, now, () => undefined);
      keepEverythingAbout(open, guild, member);
    }
    keepEverythingAbout(open, guildId, neighbour);
    const db = new Database(path, { readonly: true });
    try {
      const before = rowsOf(db, guildId, member);
      expect(Object.keys(before).length).toBeGreaterThanOrEqual(7);
      // A table this test writes nothing to could be left out of forgetMember unseen: a new
      // member table needs a line in keepEverythingAbout.
      expect(Object.entries(before).filter(([, rows]) => rows.length === 0)).toEqual([]);
      const neighbourBefore = rowsOf(db, guildId, neighbour);
      const elsewhereBefore = rowsOf(db, otherGuild, member);

      open.forgetMember(guildId, member, now);

      const after = rowsOf(db, guildId, member);
      expect(Object.entries(after).filter(([, rows]) => rows.length > 0)).toEqual([]);
      expect(rowsOf(db, guildId, neighbour)).toEqual(neighbourBefore);
      expect(rowsOf(db, otherGuild, member)).toEqual(elsewhereBefore);
    } finally {
      db.close();
    }
  });
});
