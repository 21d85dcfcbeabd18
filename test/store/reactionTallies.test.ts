import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PartTally } from "../../src/core/reactionReport.js";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const storyId = "drago";
const now = new Date("2026-11-24T12:00:00Z");
const parts = ["new-york", "moscow"] as const;
const users = ["u1", "u2", "u3", "author"] as const;
const emoji = ["❤️", "😢"] as const;

/** One write the bot makes when a reaction arrives, is removed or cleared, or a button is pressed. */
type Step =
  | { kind: "add"; message: number; user: string; emoji: string }
  | { kind: "remove"; message: number; user: string; emoji: string }
  | { kind: "clearMessage"; message: number }
  | { kind: "clearEmoji"; message: number; emoji: string }
  | { kind: "button"; part: string; user: string; emoji: string; on: boolean; guild: string }
  | { kind: "forget"; user: string; guild: string };

const guild = fc.constantFrom(guildId, guildId, otherGuild);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("add", "add", "remove"),
    message: fc.nat(4),
    user: fc.constantFrom(...users),
    emoji: fc.constantFrom(...emoji),
  }),
  fc.record({ kind: fc.constant("clearMessage"), message: fc.nat(4) }),
  fc.record({
    kind: fc.constant("clearEmoji"),
    message: fc.nat(4),
    emoji: fc.constantFrom(...emoji),
  }),
  fc.record({
    kind: fc.constant("button"),
    part: fc.constantFrom(...parts),
    user: fc.constantFrom(...users),
    emoji: fc.constantFrom(...emoji),
    on: fc.boolean(),
    guild,
  }),
  fc.record({ kind: fc.constant("forget"), user: fc.constantFrom(...users), guild }),
);

/** Drop messages 0 and 1 are pages of Part 1, 2 and 3 of Part 2; message 4 is Part 1 elsewhere. */
const messages = [
  { id: "m0", guildId, partId: "new-york" },
  { id: "m1", guildId, partId: "new-york" },
  { id: "m2", guildId, partId: "moscow" },
  { id: "m3", guildId, partId: "moscow" },
  { id: "m4", guildId: otherGuild, partId: "new-york" },
] as const;

interface Row {
  readonly message?: number;
  readonly guildId: string;
  readonly partId: string;
  readonly user: string;
  readonly emoji: string;
}

/** The same writes kept as a plain list: what the tallies must always agree with. */
class Model {
  rows: Row[] = [];

  apply(step: Step): void {
    const same = (row: Row, other: Row) =>
      row.message === other.message &&
      row.guildId === other.guildId &&
      row.partId === other.partId &&
      row.user === other.user &&
      row.emoji === other.emoji;
    if (step.kind === "add" || step.kind === "remove" || step.kind === "button") {
      const message = step.kind === "button" ? undefined : messages[step.message];
      const row: Row = {
        message: step.kind === "button" ? undefined : step.message,
        guildId: message?.guildId ?? (step.kind === "button" ? step.guild : guildId),
        partId: message?.partId ?? (step.kind === "button" ? step.part : ""),
        user: step.user,
        emoji: step.emoji,
      };
      this.rows = this.rows.filter((other) => !same(row, other));
      if (step.kind === "add" || (step.kind === "button" && step.on)) this.rows.push(row);
    } else if (step.kind === "forget") {
      this.rows = this.rows.filter((row) => row.user !== step.user || row.guildId !== step.guild);
    } else {
      this.rows = this.rows.filter(
        (row) =>
          row.message !== step.message || (step.kind === "clearEmoji" && row.emoji !== step.emoji),
      );
    }
  }

  tallies(excluded: readonly string[]): PartTally[] {
    const readers = new Map<string, Set<string>>();
    for (const row of this.rows) {
      if (row.guildId !== guildId || excluded.includes(row.user)) continue;
      const key = `${row.partId}|${row.emoji}`;
      readers.set(key, (readers.get(key) ?? new Set()).add(row.user));
    }
    return [...readers].map(([key, set]) => {
      const [partId = "", mark = ""] = key.split("|");
      return { partId, emoji: mark, readers: set.size };
    });
  }
}

const sorted = (tallies: readonly PartTally[]) =>
  [...tallies].sort((a, b) => `${a.partId}${a.emoji}`.localeCompare(`${b.partId}${b.emoji}`));

/** Makes the write through the store, as the bot would. */
function run(store: Store, step: Step): void {
  if (step.kind === "add") {
    const message = messages[step.message];
    if (message === undefined) throw new Error(`no message ${step.message}`);
    const key = { guildId: message.guildId, storyId, partId: message.partId };
    store.reactions.add(key, message.id, step.user, step.emoji, now);
  } else if (step.kind === "remove") {
    const message = messages[step.message];
    if (message === undefined) throw new Error(`no message ${step.message}`);
    store.reactions.remove(message.guildId, message.id, step.user, step.emoji);
  } else if (step.kind === "clearMessage") {
    store.reactions.clearMessage(`m${step.message}`);
  } else if (step.kind === "clearEmoji") {
    store.reactions.clearEmoji(`m${step.message}`, step.emoji);
  } else if (step.kind === "button") {
    const key = { guildId: step.guild, storyId, userId: step.user };
    store.readingReactions.set(key, step.part, step.emoji, step.on, now);
  } else {
    store.forgetMember(step.guild, step.user, now);
  }
}

describe("reaction tallies", () => {
  it("always count each reader once per part and emoji, from drops and buttons, without the authors", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const store = new Store(":memory:");
        const model = new Model();
        for (const s of steps) {
          run(store, s);
          model.apply(s);
        }
        expect(sorted(store.reactions.tallies(guildId, storyId, ["author"]))).toEqual(
          sorted(model.tallies(["author"])),
        );
        expect(sorted(store.reactions.tallies(guildId, storyId, []))).toEqual(
          sorted(model.tallies([])),
        );
        store.close();
      }),
      { numRuns: 300 },
    );
  });

  it("fills the counts from the reactions kept before the upgrade", () => {
    const path = join(tempDir(), "serial.db");
    const db = new Database(path);
    db.exec(migrations.slice(0, 3).join(";"));
    db.pragma("user_version = 3");
    const insert = db.prepare(
      "INSERT INTO message_reactions VALUES (?, ?, ?, ?, 'drago', 'new-york', 0)",
    );
    insert.run("m1", "u1", "❤️", guildId);
    insert.run("m2", "u1", "❤️", guildId);
    insert.run("m2", "u2", "❤️", guildId);
    insert.run("m2", "u2", "😢", guildId);
    insert.run("m9", "u3", "❤️", otherGuild);
    db.close();
    const store = new Store(path);
    expect(sorted(store.reactions.tallies(guildId, storyId, []))).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 2 },
      { partId: "new-york", emoji: "😢", readers: 1 },
    ]);
    store.reactions.remove(guildId, "m1", "u1", "❤️");
    expect(store.reactions.tallies(guildId, storyId, [])[0]?.readers).toBe(2);
    store.reactions.remove(guildId, "m2", "u1", "❤️");
    expect(store.reactions.tallies(guildId, storyId, [])[0]?.readers).toBe(1);
    store.close();
  });
});
