import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CarryOn, ReadCounts } from "../../src/core/reactionReport.js";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const storyId = "drago";
const stories = [storyId, storyId, "tea"] as const;
const now = new Date("2026-11-24T12:00:00Z");
const parts = ["note", "new-york", "moscow", "paris"] as const;
const users = ["u1", "u2", "u3", "author"] as const;

/**
 * A write the bot makes: a page shown, a part released, a member erased, a server purged, the
 * story reordered.
 */
type Step =
  | { kind: "read"; guild: string; story: string; user: string; part: string; finished: boolean }
  | { kind: "release"; guild: string; story: string; part: string }
  | { kind: "forget"; guild: string; user: string }
  | { kind: "purge"; guild: string }
  | { kind: "order"; story: string; order: readonly string[] };

const guild = fc.constantFrom(guildId, guildId, otherGuild);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("read"),
      guild,
      story: fc.constantFrom(...stories),
      user: fc.constantFrom(...users),
      part: fc.constantFrom(...parts),
      finished: fc.boolean(),
    }),
    weight: 8,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("release"),
      guild,
      story: fc.constantFrom(...stories),
      part: fc.constantFrom(...parts),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant("forget"), guild, user: fc.constantFrom(...users) }),
  fc.record({ kind: fc.constant("purge"), guild }),
  fc.record({
    kind: fc.constant("order"),
    story: fc.constantFrom(...stories),
    order: fc.shuffledSubarray([...parts], { minLength: 1 }),
  }),
);

/** Whose figures: a server's, for a story, leaving out some members. */
interface Figures {
  readonly guild: string;
  readonly story: string;
  readonly excluded: readonly string[];
}

/** Every server and story, with the authors left out and with everyone. */
const everyFigure: Figures[] = [guildId, otherGuild].flatMap((guild) =>
  ["drago", "tea"].flatMap((story) =>
    [["author", "author"], []].map((excluded) => ({ guild, story, excluded })),
  ),
);

/** A member's read of a part: whether they finished it, and whether they started it early. */
interface Read {
  readonly finished: boolean;
  readonly early: boolean;
}

/** The reads and releases as plain rows, and the figures computed from them the slow way. */
class Model {
  /** "guild|story|user|part" → the read. */
  readonly reads = new Map<string, Read>();
  /** "guild|story|part" of every release. */
  readonly releases = new Set<string>();
  readonly orders = new Map<string, readonly string[]>();

  apply(s: Step): void {
    if (s.kind === "read") {
      const key = `${s.guild}|${s.story}|${s.user}|${s.part}`;
      const early = !this.releases.has(`${s.guild}|${s.story}|${s.part}`);
      const read = this.reads.get(key) ?? { finished: false, early };
      this.reads.set(key, { ...read, finished: read.finished || s.finished });
    } else if (s.kind === "release") {
      this.releases.add(`${s.guild}|${s.story}|${s.part}`);
    } else if (s.kind === "order") {
      this.orders.set(s.story, s.order);
    } else {
      for (const key of [...this.reads.keys()]) {
        const [g, , user] = key.split("|");
        if (g === s.guild && (s.kind === "purge" || user === s.user)) this.reads.delete(key);
      }
      if (s.kind === "purge") {
        for (const key of [...this.releases]) {
          if (key.startsWith(`${s.guild}|`)) this.releases.delete(key);
        }
      }
    }
  }

  readers(at: Figures): ReadCounts[] {
    return parts.flatMap((partId) => {
      const rows = this.#rowsOf(at, partId);
      const finished = rows.filter(([, read]) => read.finished).length;
      const earlyStarted = rows.filter(([, read]) => read.early).length;
      return rows.length === 0 ? [] : [{ partId, started: rows.length, finished, earlyStarted }];
    });
  }

  carryOn(at: Figures): CarryOn[] {
    const order = this.orders.get(at.story) ?? parts;
    return order.slice(1).flatMap((partId, index) => {
      const previous = order[index] ?? "";
      const finishedBefore = new Set(
        this.#rowsOf(at, previous)
          .filter(([, read]) => read.finished)
          .map(([user]) => user),
      );
      const readers = this.#rowsOf(at, partId).filter(([user]) => finishedBefore.has(user)).length;
      return readers === 0 ? [] : [{ partId, readers }];
    });
  }

  #rowsOf(at: Figures, partId: string): [string, Read][] {
    return [...this.reads].flatMap(([key, read]) => {
      const [g, story, user = "", part] = key.split("|");
      const counted = g === at.guild && story === at.story && !at.excluded.includes(user);
      return counted && part === partId ? [[user, read] satisfies [string, Read]] : [];
    });
  }
}

/** Makes the write through the store, as the bot would. */
function run(store: Store, s: Step): void {
  if (s.kind === "read") {
    store.reads.record(
      { guildId: s.guild, storyId: s.story, userId: s.user },
      s.part,
      s.finished,
      now,
    );
  } else if (s.kind === "release") {
    store.releases.add(s.guild, s.story, s.part, now);
  } else if (s.kind === "forget") {
    store.forgetMember(s.guild, s.user, now);
  } else if (s.kind === "purge") {
    store.departures.record(s.guild, now);
    store.purgeGuild(s.guild, new Date(now.getTime() + 1));
  } else {
    store.reads.useOrder(s.story, s.order);
  }
}

const byPart = <T extends { partId: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.partId.localeCompare(b.partId));

describe("the readers funnel", () => {
  it("counts readers who started, finished, started before the release, and carried on from the part before, as the reads say, without the authors", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50, size: "max" }), (steps) => {
        const store = new Store(":memory:");
        store.reads.useOrder(storyId, parts);
        store.reads.useOrder("tea", parts);
        const model = new Model();
        for (const s of steps) {
          run(store, s);
          model.apply(s);
        }
        for (const at of everyFigure) {
          const { guild: g, story, excluded } = at;
          expect(byPart(store.reads.readers(g, story, excluded))).toEqual(
            byPart(model.readers(at)),
          );
          expect(byPart(store.reads.carryOn(g, story, excluded))).toEqual(
            byPart(model.carryOn(at)),
          );
        }
        store.close();
      }),
      { numRuns: 300 },
    );
  });

  it("fills the counters from the reads kept before the upgrade (early ones too), and who carried on once the order is known", () => {
    const path = join(tempDir(), "serial.db");
    const db = new Database(path);
    db.exec(migrations.slice(0, 5).join(";"));
    db.pragma("user_version = 5");
    const insert = db.prepare("INSERT INTO part_reads VALUES (?, 'drago', ?, ?, ?, ?)");
    const release = db.prepare("INSERT INTO releases VALUES (?, 'drago', ?, 10)");
    release.run(guildId, "note");
    release.run(guildId, "new-york");
    insert.run(guildId, "note", "u1", 5, 6);
    insert.run(guildId, "new-york", "u1", 20, null);
    insert.run(guildId, "note", "u2", 10, null);
    insert.run(guildId, "new-york", "u2", 5, null);
    insert.run(otherGuild, "note", "u3", 0, 1);
    db.close();

    const store = new Store(path);
    // Early: started before the part's release in the server (at 10), or with no release there.
    expect(byPart(store.reads.readers(guildId, storyId, []))).toEqual([
      { partId: "new-york", started: 2, finished: 0, earlyStarted: 1 },
      { partId: "note", started: 2, finished: 1, earlyStarted: 1 },
    ]);
    expect(store.reads.readers(otherGuild, storyId, [])).toEqual([
      { partId: "note", started: 1, finished: 1, earlyStarted: 1 },
    ]);
    expect(store.reads.carryOn(guildId, storyId, [])).toEqual([]);
    store.reads.useOrder(storyId, parts);
    expect(store.reads.carryOn(guildId, storyId, [])).toEqual([{ partId: "new-york", readers: 1 }]);
    store.close();
  });
});
