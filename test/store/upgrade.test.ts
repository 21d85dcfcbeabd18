import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const storyId = "drago";
const t = (minute: number) => Date.UTC(2026, 10, 20, 12, minute);

/** A database as the bot made it with its first four migrations, with some of everything in it. */
function versionFourDatabase(path: string): void {
  const db = new Database(path);
  db.pragma("foreign_keys = ON");
  db.exec(migrations.slice(0, 4).join(";"));
  db.pragma("user_version = 4");
  const drop = db.prepare(
    `INSERT INTO drops (guild_id, story_id, part_id, channel_id, state, reason, pages, attempts,
       last_error, thread_id, created_at, updated_at, posted_at)
     VALUES (@guild, 'drago', @part, @channel, @state, @reason, 2, @attempts, @error, @thread,
       @created, @updated, @posted)`,
  );
  drop.run({
    guild: guildId,
    part: "new-york",
    channel: "300000000000000001",
    state: "posted",
    reason: "schedule",
    attempts: 1,
    error: null,
    thread: "400000000000000001",
    created: t(0),
    updated: t(1),
    posted: t(1),
  });
  drop.run({
    guild: guildId,
    part: "moscow",
    channel: "300000000000000001",
    state: "posting",
    reason: "now",
    attempts: 2,
    error: "Discord answered 503 Service Unavailable",
    thread: null,
    created: t(10),
    updated: t(11),
    posted: null,
  });
  drop.run({
    guild: otherGuild,
    part: "new-york",
    channel: "300000000000000002",
    state: "pending",
    reason: "catch-up",
    attempts: 0,
    error: null,
    thread: null,
    created: t(20),
    updated: t(20),
    posted: null,
  });
  const page = db.prepare(
    "INSERT INTO drop_messages VALUES (@guild, 'drago', @part, @page, @message)",
  );
  page.run({ guild: guildId, part: "new-york", page: 0, message: "500000000000000001" });
  page.run({ guild: guildId, part: "new-york", page: 1, message: "500000000000000002" });
  page.run({ guild: guildId, part: "moscow", page: 0, message: "500000000000000003" });
  db.prepare("INSERT INTO releases VALUES (?, 'drago', 'new-york', ?)").run(guildId, t(1));
  db.prepare("INSERT INTO progress VALUES (?, ?, 'drago', 'new-york', 1234, ?)").run(
    guildId,
    "u1",
    t(5),
  );
  db.prepare("INSERT INTO part_reads VALUES (?, 'drago', 'new-york', 'u1', ?, ?)").run(
    guildId,
    t(2),
    t(5),
  );
  db.prepare(
    "INSERT INTO guild_settings (guild_id, channel_id, schedule, timezone, updated_at) VALUES (?, ?, '0 18 * * 5', 'Europe/London', ?)",
  ).run(guildId, "300000000000000001", t(0));
  db.prepare("INSERT INTO notify_subscriptions VALUES (?, 'u2', 'drago', ?)").run(guildId, t(0));
  db.prepare("INSERT INTO drop_notices VALUES (?, 'drago', 'new-york', 'u2', ?)").run(
    guildId,
    t(1),
  );
  const reaction = db.prepare(
    "INSERT INTO message_reactions VALUES (?, ?, ?, ?, 'drago', 'new-york', ?)",
  );
  reaction.run("500000000000000001", "u1", "❤️", guildId, t(2));
  reaction.run("500000000000000002", "u1", "❤️", guildId, t(3));
  reaction.run("500000000000000002", "u2", "😢", guildId, t(3));
  db.prepare("INSERT INTO reading_reactions VALUES (?, 'drago', 'new-york', 'u3', '❤️', ?)").run(
    guildId,
    t(4),
  );
  db.close();
}

/** Every table's rows, in the columns the table had at version 4, in a fixed order. */
function rowsOf(db: Database.Database, tables: readonly string[]): Record<string, unknown[]> {
  return Object.fromEntries(
    tables.map((table) => {
      const columns = (db.pragma(`table_info(${table})`) as { name: string }[])
        .map((column) => `"${column.name}"`)
        .join(", ");
      return [table, db.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`).all()];
    }),
  );
}

const tablesOf = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

describe("upgrading a database made with the first four migrations", () => {
  it("keeps every row (drops with their messages and states, counts) and adds the new tables", () => {
    const path = join(tempDir(), "serial.db");
    versionFourDatabase(path);
    const old = new Database(path);
    const oldTables = tablesOf(old);
    const before = rowsOf(old, oldTables);
    old.close();
    expect(before.drops).toHaveLength(3);
    expect(before.drop_messages).toHaveLength(3);
    expect(before.reaction_counts).toHaveLength(2);

    const store = new Store(path);
    expect(store.drops.get({ guildId, storyId, partId: "new-york" })).toMatchObject({
      state: "posted",
      reason: "schedule",
      messageIds: ["500000000000000001", "500000000000000002"],
      attempts: 1,
      blocked: false,
      threadId: "400000000000000001",
      postedAt: new Date(t(1)),
    });
    expect(store.drops.unfinished(guildId, storyId)).toMatchObject({
      partId: "moscow",
      state: "posting",
      messageIds: ["500000000000000003"],
      attempts: 2,
      lastError: "Discord answered 503 Service Unavailable",
      blocked: false,
    });
    expect(store.drops.unfinished(otherGuild, storyId)).toMatchObject({
      partId: "new-york",
      state: "pending",
      messageIds: [],
    });
    // Every drop's messages are caught up, the unfinished drop's too.
    expect(store.reactions.dropMessages(guildId, storyId)).toEqual([
      { partId: "new-york", channelId: "300000000000000001", messageId: "500000000000000001" },
      { partId: "new-york", channelId: "300000000000000001", messageId: "500000000000000002" },
      { partId: "moscow", channelId: "300000000000000001", messageId: "500000000000000003" },
    ]);
    expect(store.reactions.dropOf("500000000000000003")).toEqual({
      guildId,
      storyId,
      partId: "moscow",
    });
    expect(store.reactions.tallies(guildId, storyId, [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 2 },
      { partId: "new-york", emoji: "😢", readers: 1 },
    ]);
    expect(store.progress.get({ guildId, userId: "u1", storyId })).toEqual({
      partId: "new-york",
      offset: 1234,
    });
    expect(store.releases.releasedIds(guildId, storyId)).toEqual(new Set(["new-york"]));
    expect(store.notices.subscribers(guildId, storyId)).toContain("u2");
    expect(store.settings.get(guildId, storyId)).toMatchObject({
      channelId: "300000000000000001",
      schedule: "0 18 * * 5",
      timezone: "Europe/London",
    });
    // What the new tables are for works on the upgraded database.
    store.forgetMember(guildId, "u1", new Date(t(30)));
    expect(store.reactions.tallies(guildId, storyId, [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
      { partId: "new-york", emoji: "😢", readers: 1 },
    ]);
    expect(
      store.drops.abandon(
        { guildId: otherGuild, storyId, partId: "new-york" },
        "test",
        new Date(t(31)),
      ),
    ).toBe(true);
    store.close();

    const db = new Database(path);
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
    const tables = tablesOf(db);
    // The settings are per story since migration 7 (see upgradeFromV6.test.ts).
    expect(tables).not.toContain("guild_settings");
    expect(tables).toEqual(
      expect.arrayContaining([
        ...oldTables.filter((table) => table !== "guild_settings"),
        "story_settings",
        "carried_stories",
        "early_access",
        "secrets",
        "forgotten_reactions",
        "forgotten_members",
        "reaction_reconciles",
        "departed_guilds",
        "member_notes",
      ]),
    );
    expect(tables.filter((name) => name.endsWith("_v5"))).toEqual([]);
    expect(
      db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'drops_unfinished'")
        .get(),
    ).toEqual({ sql: expect.stringMatching(/ON drops .*state IN \('pending', 'posting'\)/) });
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });

  it("keeps each table's rows as they were, column for column (the settings under the story)", () => {
    const path = join(tempDir(), "serial.db");
    versionFourDatabase(path);
    const old = new Database(path);
    const oldTables = tablesOf(old);
    const columns = Object.fromEntries(
      oldTables.map((table) => [
        table,
        (old.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name),
      ]),
    );
    const before = rowsOf(old, oldTables);
    old.close();

    new Store(path).close();
    const db = new Database(path);
    const after = Object.fromEntries(
      oldTables.map((table) => {
        const kept = (columns[table] ?? []).map((name) => `"${name}"`).join(", ");
        const from = table === "guild_settings" ? "story_settings WHERE story_id = 'drago'" : table;
        return [table, db.prepare(`SELECT ${kept} FROM ${from} ORDER BY ${kept}`).all()];
      }),
    );
    expect(after).toEqual(before);
    expect(
      db.prepare("SELECT count(*) AS n FROM drop_messages WHERE gone_at IS NOT NULL").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it("still deletes a drop's messages with the drop (foreign key, on delete cascade)", () => {
    const path = join(tempDir(), "serial.db");
    versionFourDatabase(path);
    new Store(path).close();
    const db = new Database(path);
    db.pragma("foreign_keys = ON");
    expect(db.pragma("foreign_key_list(drop_messages)")).toEqual([
      expect.objectContaining({ table: "drops", on_delete: "CASCADE" }),
      expect.objectContaining({ table: "drops", on_delete: "CASCADE" }),
      expect.objectContaining({ table: "drops", on_delete: "CASCADE" }),
    ]);
    db.prepare("DELETE FROM drops WHERE guild_id = ? AND part_id = 'new-york'").run(guildId);
    expect(
      db.prepare("SELECT part_id, message_id FROM drop_messages ORDER BY message_id").all(),
    ).toEqual([{ part_id: "moscow", message_id: "500000000000000003" }]);
    expect(() =>
      db
        .prepare("INSERT INTO drop_messages VALUES (?, 'drago', 'gone', 0, '599', NULL)")
        .run(guildId),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
