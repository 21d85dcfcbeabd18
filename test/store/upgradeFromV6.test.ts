/**
 * Upgrading a database made by the bot at schema version 6 (commit e75ae5b), the last before
 * several stories per server. test/fixtures/databases/v6-drago.sqlite was made by a script run
 * with tsx in a worktree of e75ae5b, through that commit's Store only (times are minutes after
 * 2026-11-20 12:00 UTC, t(n); servers A = 100000000000000001, B = …002; members u1…u5 =
 * 200000000000000001…5, the author …009; story "drago"):
 *
 *   reads.useOrder("drago", [authors-note, blurb, new-york, moscow]);
 *   settings.update(A, { channelId 300…001, schedule "0 18 * * 5", timezone Europe/London,
 *     pingRoleId 600…001, threads: true }, t0); settings.update(B, { channelId 300…002,
 *     paused: true }, t0); notices.subscribe(A, u2) and (B, u4) at t0;
 *   authorNotices.tell(A, "schedule", "the schedule `0 18 * * 5` (Europe/London) fires too
 *     often", t0) and tell(B, "schedule", "the schedule `* * * * *` (UTC) fires too often", t0);
 *   before new-york's release in A: reads.record u1 blurb finished t1, author new-york finished
 *     t2, author moscow t3, u2 new-york t3; readingReactions.set u2 new-york 😮 t3, author
 *     new-york 🔥 t4;
 *   drops.create(A new-york, channel 300…001, schedule, 2 pages, t5), recordMessage pages 0 and
 *     1 (500…001, 500…002, t5), markPosted(t6) with releases.add(A, new-york, t6),
 *     recordThread 400…001 t6, notices.claim(A new-york, u2, t6), settings.update(A,
 *     { nextDropAt: t60 }, t6);
 *   after it: reads.record u1 new-york t7 then finished t8, u2 new-york finished t8, u3
 *     new-york t9; reactions.add on 500…001 u1 ❤️, on 500…002 u1 ❤️ and u2 😢, on 500…001
 *     u5 😂 (t8); readingReactions.set u3 new-york ❤️ t9; reads.record u5 new-york finished t9;
 *     forgetMember(A, u5, t10);
 *   drops.create(A moscow, channel 300…001, now, 2 pages, t11), recordMessage page 0 500…003,
 *     recordFailure "Discord answered 503 Service Unavailable" (not blocked) t11; reads.record
 *     u1 moscow t12; readingReactions.set u1 moscow 🔥 t12; progress.save u1 moscow 120 t12,
 *     u2 new-york 1234 t8, u3 new-york 0 t9; notes.add(A, u3, "dms-closed", t9);
 *   drops.create(B new-york, channel 300…002, catch-up, 2 pages, t20); reads.record u4 blurb
 *     finished t21; progress.save u4 blurb 40 t21.
 *
 * Then the store was closed, the file vacuumed with a page size of 1024 (to keep it small) and
 * checkpointed (PRAGMA wal_checkpoint(TRUNCATE)), so it holds everything without its -wal file.
 * The funnel and tallies expected below, less the early figures, are what that commit's
 * repositories reported on it.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const A = "100000000000000001";
const B = "100000000000000002";
const storyId = "drago";
const author = "200000000000000009";
const u1 = "200000000000000001";
const u2 = "200000000000000002";
const u3 = "200000000000000003";
const u4 = "200000000000000004";
const u5 = "200000000000000005";
const t = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));
const reader = (guildId: string, userId: string) => ({ guildId, storyId, userId });
const newYork = { guildId: A, storyId, partId: "new-york" };

/** A copy of the fixture in a temporary folder, to upgrade. */
function fixtureCopy(): string {
  const path = join(tempDir(), "serial.db");
  copyFileSync(new URL("../fixtures/databases/v6-drago.sqlite", import.meta.url), path);
  return path;
}

/** Every table's rows, in the columns it had, in a fixed order. */
function rowsOf(db: Database.Database): Map<string, { columns: string; rows: unknown[] }> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  return new Map(
    tables.map(({ name }) => {
      const columns = db
        .prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)")
        .all(name)
        .map((column) => `"${column.name}"`)
        .join(", ");
      const rows = db.prepare(`SELECT ${columns} FROM ${name} ORDER BY ${columns}`).all();
      return [name, { columns, rows }];
    }),
  );
}

const byPart = <T extends { partId: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.partId.localeCompare(b.partId));

describe("upgrading a database made by the bot at version 6", () => {
  it("keeps every reader's place and reads, the releases, drops and reactions", () => {
    const store = new Store(fixtureCopy());
    try {
      expect(store.progress.get(reader(A, u1))).toEqual({ partId: "moscow", offset: 120 });
      expect(store.progress.get(reader(A, u2))).toEqual({ partId: "new-york", offset: 1234 });
      expect(store.progress.get(reader(A, u3))).toEqual({ partId: "new-york", offset: 0 });
      expect(store.progress.get(reader(B, u4))).toEqual({ partId: "blurb", offset: 40 });
      expect(store.reads.ofMember(A, storyId, u1)).toEqual(
        new Map([
          ["blurb", true],
          ["new-york", true],
          ["moscow", false],
        ]),
      );
      expect(store.reads.ofMember(A, storyId, u2)).toEqual(new Map([["new-york", true]]));
      expect(store.reads.ofMember(A, storyId, u3)).toEqual(new Map([["new-york", false]]));
      expect(store.reads.ofMember(A, storyId, u5)).toEqual(new Map());
      expect(store.reads.ofMember(B, storyId, u4)).toEqual(new Map([["blurb", true]]));
      expect(store.releases.releasedIds(A, storyId)).toEqual(new Set(["new-york"]));
      expect(store.releases.releasedIds(B, storyId)).toEqual(new Set());

      expect(store.drops.get(newYork)).toMatchObject({
        channelId: "300000000000000001",
        state: "posted",
        reason: "schedule",
        pages: 2,
        messageIds: ["500000000000000001", "500000000000000002"],
        threadId: "400000000000000001",
        textDigest: undefined,
        postedAt: t(6),
      });
      expect(store.drops.unfinished(A, storyId)).toMatchObject({
        partId: "moscow",
        state: "posting",
        messageIds: ["500000000000000003"],
        attempts: 1,
        lastError: "Discord answered 503 Service Unavailable",
        blocked: false,
      });
      expect(store.drops.unfinished(B, storyId)).toMatchObject({
        partId: "new-york",
        state: "pending",
        reason: "catch-up",
        messageIds: [],
      });
      expect(store.reactions.dropMessages(A, storyId).map((row) => row.messageId)).toEqual([
        "500000000000000001",
        "500000000000000002",
        "500000000000000003",
      ]);
      expect(store.reactions.dropOf("500000000000000003")).toEqual({
        guildId: A,
        storyId,
        partId: "moscow",
      });

      const tallies = [
        { partId: "moscow", emoji: "🔥", readers: 1 },
        { partId: "new-york", emoji: "❤️", readers: 2 },
        { partId: "new-york", emoji: "😢", readers: 1 },
        { partId: "new-york", emoji: "😮", readers: 1 },
      ];
      expect(store.reactions.tallies(A, storyId, [author])).toEqual(tallies);
      expect(store.readingReactions.of(reader(A, u2), "new-york")).toEqual(new Set(["😮"]));
      expect(store.readingReactions.of(reader(A, u3), "new-york")).toEqual(new Set(["❤️"]));
      expect(store.readingReactions.of(reader(A, author), "new-york")).toEqual(new Set(["🔥"]));
      expect(store.readingReactions.of(reader(A, u1), "moscow")).toEqual(new Set(["🔥"]));
      // The forgotten member's reaction stays forgotten when Discord still shows it.
      store.reactions.replaceMessage(
        newYork,
        "500000000000000001",
        new Map([
          ["❤️", [u1]],
          ["😂", [u5]],
        ]),
        store.reactions.reconciledAt(A, storyId),
        t(30),
      );
      expect(store.reactions.tallies(A, storyId, [author])).toEqual(tallies);

      expect(store.notices.subscribers(A, storyId)).toEqual([u2]);
      expect(store.notices.subscribers(B, storyId)).toEqual([u4]);
      expect(store.notices.claim(newYork, u2, t(30))).toBe(false);
      expect(store.notes.pending(A, u3)).toEqual(["dms-closed"]);
    } finally {
      store.close();
    }
  });

  it("keeps the settings, now the story's, and tells of a schedule problem once per story", () => {
    const store = new Store(fixtureCopy());
    try {
      expect(store.settings.get(A, storyId)).toEqual({
        guildId: A,
        storyId,
        channelId: "300000000000000001",
        schedule: "0 18 * * 5",
        timezone: "Europe/London",
        paused: false,
        pingRoleId: "600000000000000001",
        threads: true,
        revisions: "note",
        nextDropAt: t(60),
      });
      expect(store.settings.get(B, storyId)).toMatchObject({
        channelId: "300000000000000002",
        schedule: undefined,
        paused: true,
      });
      store.settings.claimUnassigned(storyId);
      expect(store.settings.get(A, storyId).channelId).toBe("300000000000000001");
      expect(store.settings.get(A, "tea").channelId).toBeUndefined();

      const told = "the schedule `0 18 * * 5` (Europe/London) fires too often";
      expect(store.authorNotices.tell(A, storyId, "schedule", told, t(30))).toBe(false);
      expect(
        store.authorNotices.tell(
          B,
          storyId,
          "schedule",
          "the schedule `* * * * *` (UTC) fires too often",
          t(30),
        ),
      ).toBe(false);
      expect(store.authorNotices.tell(A, "tea", "schedule", told, t(30))).toBe(true);
    } finally {
      store.close();
    }
  });

  it("keeps the funnel's counters, and counts as early the reads and reactions made before their part's release", () => {
    const store = new Store(fixtureCopy());
    try {
      expect(byPart(store.reads.readers(A, storyId, [author]))).toEqual([
        { partId: "blurb", started: 1, finished: 1, earlyStarted: 1 },
        { partId: "moscow", started: 1, finished: 0, earlyStarted: 1 },
        { partId: "new-york", started: 3, finished: 2, earlyStarted: 1 },
      ]);
      expect(byPart(store.reads.readers(A, storyId, []))).toEqual([
        { partId: "blurb", started: 1, finished: 1, earlyStarted: 1 },
        { partId: "moscow", started: 2, finished: 0, earlyStarted: 2 },
        { partId: "new-york", started: 4, finished: 3, earlyStarted: 2 },
      ]);
      expect(store.reads.readers(B, storyId, [])).toEqual([
        { partId: "blurb", started: 1, finished: 1, earlyStarted: 1 },
      ]);
      expect(byPart(store.reads.carryOn(A, storyId, [author]))).toEqual([
        { partId: "moscow", readers: 1 },
        { partId: "new-york", readers: 1 },
      ]);
      expect(store.readingReactions.earlyTallies(A, storyId, [author])).toEqual([
        { partId: "moscow", emoji: "🔥", readers: 1 },
        { partId: "new-york", emoji: "😮", readers: 1 },
      ]);
      expect(store.readingReactions.earlyTallies(A, storyId, [])).toEqual([
        { partId: "moscow", emoji: "🔥", readers: 1 },
        { partId: "new-york", emoji: "🔥", readers: 1 },
        { partId: "new-york", emoji: "😮", readers: 1 },
      ]);

      // The counters go on from there: an early read erased, a read after the release.
      store.forgetMember(A, u2, t(30));
      store.reads.record(reader(A, u4), "new-york", false, t(31));
      expect(byPart(store.reads.readers(A, storyId, [author]))).toContainEqual({
        partId: "new-york",
        started: 3,
        finished: 1,
        earlyStarted: 0,
      });
    } finally {
      store.close();
    }
  });

  it("keeps every other table's rows column for column, and moves the settings and notices", () => {
    const path = fixtureCopy();
    const old = new Database(path, { readonly: true });
    expect(old.pragma("user_version", { simple: true })).toBe(6);
    const before = rowsOf(old);
    old.close();
    new Store(path).close();

    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
      const moved = new Set(["guild_settings", "author_notices"]);
      for (const [table, { columns, rows }] of before) {
        if (moved.has(table)) continue;
        const after = db.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`).all();
        expect({ table, rows: after }).toEqual({ table, rows });
      }
      const settings = before.get("guild_settings");
      expect(
        db
          .prepare(
            `SELECT ${settings?.columns} FROM story_settings WHERE story_id = 'drago' ORDER BY guild_id`,
          )
          .all(),
      ).toEqual(settings?.rows);
      expect(db.prepare("SELECT count(*) AS n FROM story_settings").get()).toEqual({ n: 2 });
      expect(
        db.prepare("SELECT guild_id, topic FROM author_notices ORDER BY guild_id").all(),
      ).toEqual([
        { guild_id: A, topic: "schedule:drago" },
        { guild_id: B, topic: "schedule:drago" },
      ]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      db.close();
    }
  });
});
