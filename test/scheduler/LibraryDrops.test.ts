import { join } from "node:path";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { bindLibrary } from "../../src/core/Library.js";
import type { Story } from "../../src/core/story.js";
import type { DropResult } from "../../src/scheduler/DropObserver.js";
import { LibraryDrops } from "../../src/scheduler/LibraryDrops.js";
import { Store } from "../../src/store/Store.js";
import { discordError, FakeDiscordRest } from "../helpers/fakeDiscordRest.js";
import { FakeSchedules } from "../helpers/fakeSchedules.js";
import { BOT } from "../helpers/schedulerSetup.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";
import { tempDir } from "../helpers/tempDir.js";

const GUILD = "100000000000000001";
const now = new Date("2026-12-01T12:00:00Z");

/** The fixture story under another id and title, its scene ids prefixed so ids stay unique. */
function story(id: string, title: string): Story {
  const fixture = storyFixture([{ id: `${id}-one`, text: prose(6, 8, title) }], 800);
  return { ...fixture, meta: { ...fixture.meta, id, title } };
}

function setup() {
  const store = new Store(join(tempDir(), "serial.db"));
  const rest = new FakeDiscordRest();
  const library = bindLibrary([story("drago", "After Moscow"), story("tea", "Tea")]);
  const results: DropResult[] = [];
  const drops = new LibraryDrops(
    {
      rest,
      store,
      log: pino({ level: "silent" }),
      clock: () => now,
      botUserId: () => BOT,
      backoffMs: [],
      schedules: new FakeSchedules(),
      minIntervalMs: 3_600_000,
      defaults: { channelId: "500", schedule: undefined, timezone: "UTC" },
      guildIds: () => [GUILD],
      channelInGuild: () => true,
      channelProblem: async () => undefined,
      tellAuthors: async () => undefined,
      observer: { dropped: (result) => results.push(result) },
    },
    library,
  );
  /** The text of each page posted, in the order posted. */
  const pagesPosted = (): string[] =>
    rest.calls
      .filter((call) => call.method === "POST" && call.route === "/channels/500/messages")
      .map((call) => String(Reflect.get(Object(call.body), "embeds")?.[0]?.description));
  return { store, rest, drops, library, pagesPosted, results };
}

describe("LibraryDrops", () => {
  it("posts two stories' drops into one server one after the other, never interleaved", async () => {
    const t = setup();
    await t.drops.start();
    const pages = t.library.books.map(
      (book) => book.part(`${book.story.meta.id}-one`)?.pages.length,
    );
    expect(pages.every((count) => count !== undefined && count > 1)).toBe(true);
    const [drago, tea] = await Promise.all([
      t.drops.of("drago").drop(GUILD, "now"),
      t.drops.of("tea").drop(GUILD, "now"),
    ]);
    expect(drago.ok && tea.ok).toBe(true);
    const order = t
      .pagesPosted()
      .map((text) => (text.startsWith("After Moscow") ? "drago" : "tea"));
    expect(order).toEqual([
      ...Array.from({ length: pages[0] ?? 0 }, () => "drago"),
      ...Array.from({ length: pages[1] ?? 0 }, () => "tea"),
    ]);
    await t.drops.stop();
  });

  it("tells its observer how each drop asked for ended: posted, failed, or nothing to post", async () => {
    const t = setup();
    await t.drops.start();
    expect(t.results).toEqual([]);
    const answer = t.rest.answer;
    t.rest.answer = (call) => {
      if (call.method === "POST") throw discordError(403, 50013, "Missing Permissions");
      return answer(call);
    };
    expect((await t.drops.of("drago").drop(GUILD, "now")).ok).toBe(false);
    // Refused: it waits for the authors, so the schedule posts nothing.
    expect((await t.drops.of("drago").drop(GUILD, "schedule")).ok).toBe(false);
    t.rest.answer = answer;
    expect((await t.drops.of("drago").drop(GUILD, "now")).ok).toBe(true);
    expect((await t.drops.of("drago").drop(GUILD, "now")).ok).toBe(false);
    expect((await t.drops.of("tea").drop(GUILD, "now")).ok).toBe(true);
    expect(t.results).toEqual(["failed", "nothing", "posted", "nothing", "posted"]);
    await t.drops.stop();
  });

  it("starts the drops of a story a reload adds, and stops those of one it takes out", async () => {
    const t = setup();
    await t.drops.start();
    const next = bindLibrary([story("drago", "After Moscow"), story("moon", "Moon")]);
    await t.drops.useLibrary(next);
    expect(() => t.drops.of("tea")).toThrow(/No story "tea"/);
    expect((await t.drops.of("moon").drop(GUILD, "now")).ok).toBe(true);
    expect(t.store.releases.releasedIds(GUILD, "moon")).toEqual(new Set(["moon-one"]));
    await t.drops.stop();
  });
});
