import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Store } from "../src/store/Store.js";
import { type Benchmark, type BenchRow, ratioRow } from "./BenchRow.js";

const GROUP = "4. Store";
const UPDATES = 50_000;
/**
 * The progress updates alternate between the store and the baseline in this many rounds, so a
 * change in the machine's speed falls on both.
 */
const ROUNDS = 10;
const REACTION_ROWS = 1_000_000;
const MEMBERS = 200_000;
/** Readers who reach a random part each: about a million reads in all, the funnel's target size. */
const READERS = 96_000;
const guildId = "100000000000000001";
const storyId = "drago";
const parts = Array.from({ length: 20 }, (_, index) => `part-${index + 1}`);
const emoji = ["❤️", "😢", "😮", "😂", "🔥"];

/** A small deterministic random number generator (mulberry32), so every run has the same data. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Runs `work` once to warm up, then `times` times; the median duration in ms. */
function median(times: number, work: () => void): number {
  work();
  const durations = Array.from({ length: times }, () => {
    const started = performance.now();
    work();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return durations[Math.floor(times / 2)] ?? Number.NaN;
}

/**
 * Progress updates as /next makes them when a page turn starts or finishes a part: the saved place
 * and the part read, in one transaction, through the store, on a database file (WAL). Baseline:
 * the same two writes (the same rows, upserts and triggers, on a database the store migrated) with
 * bare prepared statements in one better-sqlite3 transaction each: what SQLite itself costs for
 * them here, so the ratio is what the store's layer adds. The two take turns, a tenth at a time.
 */
function progressUpdates(dir: string): BenchRow {
  const readers = 5_000;
  const write = (index: number) => ({
    user: String(200000000000000000n + BigInt(index % readers)),
    part: parts[index % parts.length] ?? "",
    finished: index % 7 === 0,
  });
  const store = new Store(join(dir, "progress.db"));
  const now = new Date();
  const throughStore = (index: number) => {
    const { user, part, finished } = write(index);
    const key = { guildId, storyId, userId: user };
    store.transaction(() => {
      store.progress.save(key, { partId: part, offset: index }, now);
      store.reads.record(key, part, finished, now);
    });
  };

  new Store(join(dir, "baseline.db")).close();
  const db = new Database(join(dir, "baseline.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const place = db.prepare<[string, string, string, string, number, number]>(
    `INSERT INTO progress (guild_id, user_id, story_id, part_id, "offset", updated_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id, story_id)
     DO UPDATE SET part_id = excluded.part_id, "offset" = excluded."offset", updated_at = excluded.updated_at`,
  );
  const read = db.prepare<
    [string, string, string, string, number, number | null, string, string, string]
  >(
    `INSERT INTO part_reads (guild_id, story_id, part_id, user_id, started_at, finished_at, early)
     VALUES (?, ?, ?, ?, ?, ?, NOT EXISTS (
       SELECT 1 FROM releases WHERE guild_id = ? AND story_id = ? AND part_id = ?))
     ON CONFLICT (guild_id, story_id, part_id, user_id)
     DO UPDATE SET finished_at = excluded.finished_at
     WHERE part_reads.finished_at IS NULL AND excluded.finished_at IS NOT NULL`,
  );
  const bare = db.transaction((index: number) => {
    const { user, part, finished } = write(index);
    const at = now.getTime();
    place.run(guildId, user, storyId, part, index, at);
    read.run(guildId, storyId, part, user, at, finished ? at : null, guildId, storyId, part);
  });

  const elapsed = { store: 0, bare: 0 };
  const perRound = UPDATES / ROUNDS;
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [way, run] of [
      ["store", throughStore],
      ["bare", bare],
    ] as const) {
      const started = performance.now();
      for (let index = round * perRound; index < (round + 1) * perRound; index += 1) run(index);
      elapsed[way] += performance.now() - started;
    }
  }
  store.close();
  db.close();
  const perSecond = UPDATES / (elapsed.store / 1000);
  const baseline = UPDATES / (elapsed.bare / 1000);
  return ratioRow({
    group: GROUP,
    figure: "progress updates (saved place + part read, one transaction each)",
    value: perSecond,
    unit: "/s",
    baseline: { name: "the same two writes, bare, in one transaction", value: baseline },
    target: "ratio ≥ 0.8",
    holds: (ratio) => ratio >= 0.8,
    heldBack:
      "the store binds named parameters (its statements' rule, so each value is bound by name); in better-sqlite3 that costs about a fifth of an upsert: the same upsert ran in 0.80 of the time with positional ones (2026-12-03)",
  });
}

/**
 * The /reactions figures on a server with a million reaction draws (the table's figure says how
 * many distinct rows they made): the counts per part and emoji
 * (authors left out) and the readers funnel. Baselines: the same figures computed from the rows
 * (what the queries would cost without the counts the triggers keep): the reaction counts with
 * one GROUP BY, the funnel with one for the starts and finishes and a join for each pair of parts.
 */
function reactionQuery(dir: string): BenchRow[] {
  const store = new Store(join(dir, "reactions.db"));
  const now = new Date();
  const random = seededRandom(5);
  const member = (index: number) => String(200000000000000000n + BigInt(index));
  store.transaction(() => {
    for (let row = 0; row < REACTION_ROWS; row += 1) {
      const partId = parts[Math.floor(random() * parts.length)] ?? "";
      const messageId = `${partId}-${Math.floor(random() * 3)}`;
      const emojiKey = emoji[Math.floor(random() * emoji.length)] ?? "";
      const userId = member(Math.floor(random() * MEMBERS));
      store.reactions.add({ guildId, storyId, partId }, messageId, userId, emojiKey, now);
    }
    for (let reader = 0; reader < READERS; reader += 1) {
      const reached = 1 + Math.floor(random() * parts.length);
      parts.slice(0, reached).forEach((partId, index) => {
        const finished = index < reached - 1 || random() < 0.5;
        store.reads.record({ guildId, storyId, userId: member(reader) }, partId, finished, now);
      });
    }
  });
  const authors = ["200000000000000001", "200000000000000002"];
  store.reads.useOrder(storyId, parts);
  const tallies = median(9, () => store.reactions.tallies(guildId, storyId, authors));
  const funnel = median(9, () => {
    store.reads.readers(guildId, storyId, authors);
    store.reads.carryOn(guildId, storyId, authors);
  });
  const counted = store.reactions.tallies(guildId, storyId, authors).length;
  const carried = store.reads.carryOn(guildId, storyId, authors).length;
  if (counted !== parts.length * emoji.length || carried !== parts.length - 1) {
    throw new Error(
      `the queries missed data: ${counted} tallies, ${carried} of ${parts.length - 1} pairs`,
    );
  }
  store.close();
  const db = new Database(join(dir, "reactions.db"), { readonly: true });
  const rowsIn = (table: string) =>
    (
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0
    ).toLocaleString("en");
  const reactionRows = rowsIn("message_reactions");
  const readRows = rowsIn("part_reads");
  const naive = db.prepare(
    `SELECT part_id, emoji, count(DISTINCT user_id) FROM message_reactions
     WHERE guild_id = ? AND story_id = ? GROUP BY part_id, emoji`,
  );
  const baseline = median(3, () => naive.all(guildId, storyId));
  const startedAndFinished = db.prepare(
    `SELECT part_id, count(*), count(finished_at) FROM part_reads
     WHERE guild_id = ? AND story_id = ? GROUP BY part_id`,
  );
  const carriedOn = db.prepare(
    `SELECT count(*) FROM part_reads a JOIN part_reads b
       ON b.guild_id = a.guild_id AND b.story_id = a.story_id AND b.user_id = a.user_id
       AND b.part_id = ?
     WHERE a.guild_id = ? AND a.story_id = ? AND a.part_id = ?`,
  );
  const funnelBaseline = median(3, () => {
    startedAndFinished.all(guildId, storyId);
    parts.slice(1).forEach((next, index) => {
      carriedOn.get(next, guildId, storyId, parts[index]);
    });
  });
  db.close();
  return [
    ratioRow({
      group: GROUP,
      figure: `/reactions counts on ${reactionRows} reaction rows`,
      value: tallies,
      unit: "ms",
      baseline: { name: "GROUP BY over the rows", value: baseline },
      target: "< 50 ms",
      holds: (_ratio, value) => value < 50,
    }),
    ratioRow({
      group: GROUP,
      figure: `/reactions readers funnel (${parts.length} parts, ${readRows} reads)`,
      value: funnel,
      unit: "ms",
      baseline: {
        name: "GROUP BY and a join per pair of parts over the rows",
        value: funnelBaseline,
      },
      target: "< 10 ms",
      holds: (_ratio, value) => value < 10,
    }),
  ];
}

export const store: Benchmark = {
  name: "store",
  async run(progress) {
    const dir = mkdtempSync(join(tmpdir(), "discord-serial-bench-"));
    try {
      progress(`${UPDATES.toLocaleString("en")} progress updates, and as many bare upserts`);
      const updates = progressUpdates(dir);
      progress(
        `${REACTION_ROWS.toLocaleString("en")} reactions and ${READERS.toLocaleString("en")} readers' reads written; then the queries`,
      );
      return [updates, ...reactionQuery(dir)];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
