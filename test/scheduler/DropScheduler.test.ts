import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import type { AuthorNotice } from "../../src/scheduler/AuthorNotice.js";
import { DropNotifier } from "../../src/scheduler/DropNotifier.js";
import { DropPoster } from "../../src/scheduler/DropPoster.js";
import { DropScheduler } from "../../src/scheduler/DropScheduler.js";
import { Store } from "../../src/store/Store.js";
import { eventually } from "../helpers/eventually.js";
import { discordError, FakeDiscordRest } from "../helpers/fakeDiscordRest.js";
import { FakeSchedules } from "../helpers/fakeSchedules.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";
import { tempDir } from "../helpers/tempDir.js";

const BOT = "900000000000000009";
const FRIDAYS = "0 18 * * 5";
const MONDAYS = "0 9 * * 1";

/** A scheduler over a real store, with a fake REST, fake time and a clock the test sets. */
function setup(
  guilds: readonly string[],
  scenes = ["one", "two", "three"],
  releaseAt: Readonly<Record<string, Date>> = {},
  store = new Store(join(tempDir(), "serial.db")),
) {
  const story = storyFixture(scenes.map((id) => ({ id, text: prose(1, 2, id) })));
  const book = bindBook({
    ...story,
    parts: story.parts.map((part) =>
      releaseAt[part.id] === undefined ? part : { ...part, releaseAt: releaseAt[part.id] },
    ),
  });
  const rest = new FakeDiscordRest();
  const schedules = new FakeSchedules();
  const clock = { now: new Date("2026-12-01T12:00:00Z") };
  const told: { guildId: string; notice: AuthorNotice }[] = [];
  const log = pino({ level: "silent" });
  const options = { rest, store, book, log, clock: () => clock.now };
  const scheduler = new DropScheduler({
    ...options,
    poster: new DropPoster({ ...options, botUserId: () => BOT, backoffMs: [] }),
    notifier: new DropNotifier(options),
    schedules,
    minIntervalMs: 3_600_000,
    defaults: { channelId: undefined, schedule: undefined, timezone: "UTC" },
    guildIds: () => guilds,
    channelInGuild: () => true,
    channelProblem: () => undefined,
    tellAuthors: async (guildId, notice) => {
      told.push({ guildId, notice });
    },
  });
  const set = (guildId: string, schedule: string | undefined) =>
    store.settings.update(guildId, { channelId: `c${guildId}`, schedule }, clock.now);
  const posts = (guildId: string) =>
    rest.calls.filter(
      (call) => call.method === "POST" && call.route === `/channels/c${guildId}/messages`,
    );
  return { store, book, rest, schedules, clock, told, scheduler, set, posts };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
  unhandled.length = 0;
});

describe("DropScheduler", () => {
  it("runs one task per schedule and drops in the servers that follow it", async () => {
    const t = setup(["1", "2", "3"]);
    t.set("1", FRIDAYS);
    t.set("2", FRIDAYS);
    t.set("3", MONDAYS);
    await t.scheduler.start();
    expect(t.schedules.running().sort()).toEqual([`${FRIDAYS} @ UTC`, `${MONDAYS} @ UTC`]);
    expect(t.store.settings.get("1").nextDropAt).toEqual(new Date("2026-12-04T18:00:00Z"));

    await t.schedules.tick(FRIDAYS);
    expect(t.posts("1")).toHaveLength(1);
    expect(t.posts("2")).toHaveLength(1);
    expect(t.posts("3")).toEqual([]);
    expect(t.store.releases.releasedIds("1", "fixture")).toEqual(new Set(["one"]));
    await t.scheduler.stop();
    expect(t.schedules.running()).toEqual([]);
  });

  it("applies one server's change without reading or writing any other server's settings", async () => {
    const t = setup(["1", "2", "3"]);
    for (const guildId of ["1", "2", "3"]) t.set(guildId, FRIDAYS);
    await t.scheduler.start();
    const read = vi.spyOn(t.store.settings, "get");
    const written = vi.spyOn(t.store.settings, "update");

    t.set("2", MONDAYS);
    written.mockClear();
    read.mockClear();
    t.scheduler.reschedule("2");
    expect(new Set(read.mock.calls.map(([guildId]) => guildId))).toEqual(new Set(["2"]));
    expect(written.mock.calls.map(([guildId]) => guildId)).toEqual(["2"]);
    expect(t.schedules.running().sort()).toEqual([`${FRIDAYS} @ UTC`, `${MONDAYS} @ UTC`]);

    t.store.settings.update("2", { paused: true }, t.clock.now);
    t.scheduler.reschedule("2");
    expect(t.schedules.running()).toEqual([`${FRIDAYS} @ UTC`]);
    await t.schedules.tick(FRIDAYS);
    expect([t.posts("1"), t.posts("2"), t.posts("3")].map((posts) => posts.length)).toEqual([
      1, 0, 1,
    ]);
  });

  it("keeps a stored schedule that never fires to its own server: no start-up failure, its authors told", async () => {
    const t = setup(["1", "2"]);
    t.set("1", "0 0 1-7 * 1#2");
    t.set("2", FRIDAYS);
    await t.scheduler.start();
    expect(t.scheduler.scheduleProblem("1")).toMatch(
      /^the schedule `0 0 1-7 \* 1#2` \(UTC\) never fires/,
    );
    expect(t.scheduler.nextDrops("1", t.clock.now, 3)).toEqual([]);
    expect(t.scheduler.scheduleProblem("2")).toBeUndefined();
    expect(t.told.map((entry) => entry.guildId)).toEqual(["1"]);
    expect(t.told[0]?.notice.public).toMatch(/drop schedule cannot be used/);
    expect(t.schedules.running()).toEqual([`${FRIDAYS} @ UTC`]);
    await t.schedules.tick(FRIDAYS);
    expect(t.posts("2")).toHaveLength(1);
  });

  it("lets a database error fail that server's drop only, with no promise left unhandled", async () => {
    process.on("unhandledRejection", onUnhandled);
    const t = setup(["1", "2"]);
    t.set("1", FRIDAYS);
    t.set("2", FRIDAYS);
    await t.scheduler.start();
    const create = t.store.drops.create.bind(t.store.drops);
    vi.spyOn(t.store.drops, "create").mockImplementation((drop, now) => {
      if (drop.guildId === "1") throw new Error("disk I/O error");
      return create(drop, now);
    });
    await expect(t.scheduler.drop("1", "now")).rejects.toThrow("disk I/O error");
    await t.schedules.tick(FRIDAYS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(t.posts("2")).toHaveLength(1);
  });

  it("does not try a drop only the authors can fix at each scheduled time, only when they ask", async () => {
    const t = setup(["1"]);
    t.set("1", FRIDAYS);
    await t.scheduler.start();
    t.rest.answer = () => {
      throw discordError(403, 50013, "Missing Permissions");
    };
    await t.schedules.tick(FRIDAYS);
    await t.schedules.tick(FRIDAYS);
    await t.schedules.tick(FRIDAYS);
    expect(t.posts("1")).toHaveLength(1);
    expect(t.store.drops.unfinished("1", "fixture")).toMatchObject({ blocked: true, attempts: 1 });
    expect(t.told.map((entry) => entry.notice.public)).toEqual([
      expect.stringMatching(/^I could not post the next part to <#c1>: the bot lacks permission/),
    ]);
    expect(t.told[0]?.notice.details).toMatch(/Part 1 · Scene 1/);

    t.rest.answer = (call) => (call.method === "POST" ? { id: String(t.rest.calls.length) } : []);
    const attempt = await t.scheduler.drop("1", "now");
    expect(attempt.ok).toBe(true);
    expect(t.store.releases.releasedIds("1", "fixture")).toEqual(new Set(["one"]));
  });

  it("gives up at start an unfinished drop whose part left the story, and goes on with the next part", async () => {
    const t = setup(["1"], ["two", "three"]);
    t.set("1", FRIDAYS);
    t.store.drops.create(
      {
        guildId: "1",
        storyId: "fixture",
        partId: "one",
        channelId: "c1",
        reason: "schedule",
        pages: 1,
      },
      t.clock.now,
    );
    await t.scheduler.start();
    expect(t.store.drops.get({ guildId: "1", storyId: "fixture", partId: "one" })).toMatchObject({
      state: "abandoned",
      lastError: "its part is no longer in the story",
    });
    expect(t.told[0]?.notice.public).not.toMatch(/"one"/);
    expect(t.told[0]?.notice.details).toMatch(/the part "one" .* was abandoned/);
    const attempt = await t.scheduler.drop("1", "now");
    expect(attempt.drop?.partId).toBe("two");
    expect(attempt.ok).toBe(true);
  });

  it("skips a stuck drop at the authors' word, releasing its part so the next drop moves on", async () => {
    const t = setup(["1"]);
    t.set("1", FRIDAYS);
    await t.scheduler.start();
    t.rest.answer = () => {
      throw discordError(403, 50001, "Missing Access");
    };
    await t.scheduler.drop("1", "now");
    const skipped = await t.scheduler.skip("1", t.clock.now);
    expect(skipped).toMatchObject({ partId: "one", state: "abandoned" });
    expect(t.store.releases.releasedIds("1", "fixture")).toEqual(new Set(["one"]));
    t.rest.answer = (call) => (call.method === "POST" ? { id: String(t.rest.calls.length) } : []);
    expect((await t.scheduler.drop("1", "schedule")).drop?.partId).toBe("two");
  });

  it("computes every drop time from its clock, years away from the wall clock", async () => {
    const t = setup(["1"], ["one", "two", "late", "soon"], {
      late: new Date("2029-01-01T09:00:00Z"),
      soon: new Date("2031-03-07T09:00:00Z"),
    });
    t.clock.now = new Date("2031-03-05T12:00:00Z");
    t.set("1", FRIDAYS);
    t.store.settings.update("1", { nextDropAt: new Date("2030-06-07T18:00:00Z") }, t.clock.now);
    await t.scheduler.start();

    const dropOf = (partId: string) =>
      t.store.drops.get({ guildId: "1", storyId: "fixture", partId });
    expect(dropOf("one")).toMatchObject({ reason: "catch-up", createdAt: t.clock.now });
    expect(dropOf("late")).toMatchObject({ reason: "release-at", createdAt: t.clock.now });
    expect(t.store.releases.releasedIds("1", "fixture")).toEqual(new Set(["one", "late"]));
    expect(t.store.settings.get("1").nextDropAt).toEqual(new Date("2031-03-07T18:00:00Z"));
    expect(t.scheduler.nextDrops("1", t.clock.now, 2)).toEqual([
      new Date("2031-03-07T18:00:00Z"),
      new Date("2031-03-14T18:00:00Z"),
    ]);
    expect(t.schedules.timed.map((entry) => entry.moment)).toEqual([
      new Date("2031-03-07T09:00:00Z"),
    ]);
    await t.scheduler.stop();
  });

  it("drops a scene at its own release time from the timer, and survives a failing store there", async () => {
    process.on("unhandledRejection", onUnhandled);
    const t = setup(["1"], ["one", "two"], { two: new Date("2026-12-02T09:00:00Z") });
    t.set("1", undefined);
    const { scheduler } = t;
    await scheduler.start();
    expect(t.schedules.timed.map((entry) => entry.moment)).toEqual([
      new Date("2026-12-02T09:00:00Z"),
    ]);

    t.clock.now = new Date("2026-12-02T09:00:00Z");
    const released = vi.spyOn(t.store.releases, "releasedIds").mockImplementation(() => {
      throw new Error("database is locked");
    });
    await t.schedules.timed[0]?.run();
    expect(unhandled).toEqual([]);
    expect(t.schedules.timed.at(-1)?.moment).toEqual(new Date("2026-12-02T09:05:00Z"));

    released.mockRestore();
    t.clock.now = new Date("2026-12-02T09:05:00Z");
    await t.schedules.timed.at(-1)?.run();
    expect(t.store.releases.releasedIds("1", "fixture")).toEqual(new Set(["two"]));
    await scheduler.stop();
  });

  it("tells the authors when a resumed drop is refused, and once about a broken schedule, not at every start", async () => {
    const t = setup(["1", "2"]);
    t.set("1", FRIDAYS);
    t.set("2", "0 0 1-7 * 1#2");
    await t.scheduler.start();
    await t.schedules.tick(FRIDAYS);
    t.rest.answer = () => {
      throw discordError(500, 0, "Internal Server Error");
    };
    await t.scheduler.drop("1", "now");
    await t.scheduler.stop();
    expect(t.told.map((entry) => entry.guildId)).toEqual(["2", "1"]);

    const again = setup(["1", "2"], undefined, {}, t.store);
    again.rest.answer = () => {
      throw discordError(403, 50013, "Missing Permissions");
    };
    await again.scheduler.start();
    expect(again.told.map((entry) => [entry.guildId, entry.notice.public])).toEqual([
      [
        "1",
        expect.stringMatching(
          /^I could not post the next part to <#c1>: the bot lacks permission.*\/serial skip-drop/,
        ),
      ],
    ]);
  });

  it("posts the timed parts a blocked drop held back once the authors get it out", async () => {
    const t = setup(["1"], ["one", "two", "three"], {
      two: new Date("2026-12-01T10:00:00Z"),
      three: new Date("2026-12-01T11:00:00Z"),
    });
    t.set("1", undefined);
    t.rest.answer = () => {
      throw discordError(403, 50013, "Missing Permissions");
    };
    await t.scheduler.start();
    expect(t.store.drops.unfinished("1", "fixture")).toMatchObject({
      partId: "two",
      blocked: true,
    });
    t.rest.answer = (call) => (call.method === "POST" ? { id: String(t.rest.calls.length) } : []);
    expect((await t.scheduler.drop("1", "now")).drop?.partId).toBe("two");
    await eventually(
      () => t.store.releases.releasedIds("1", "fixture").has("three"),
      "the held-back timed part",
    );
  });

  it("starts no drop once stopped", async () => {
    const t = setup(["1"]);
    t.set("1", FRIDAYS);
    await t.scheduler.start();
    await t.scheduler.stop();
    expect(await t.scheduler.drop("1", "now")).toEqual({
      ok: false,
      error: "the bot is stopping",
      retryable: false,
    });
    expect(t.rest.calls).toEqual([]);
  });

  it("lets a drop waiting for the authors go when they choose a channel it can go to, and never splits a part", async () => {
    const t = setup(["1"]);
    await t.scheduler.start();
    const key = { guildId: "1", storyId: "fixture", partId: "one" };
    t.store.drops.create({ ...key, channelId: "c1", reason: "now", pages: 2 }, t.clock.now);
    t.store.drops.recordFailure(key, "the bot lacks permission", true, t.clock.now);
    expect(t.scheduler.useChannel("1", "c2", t.clock.now).retried).toBe(true);
    expect(t.store.drops.unfinished("1", "fixture")?.blocked).toBe(false);

    t.store.drops.recordMessage(key, 0, "4001", t.clock.now);
    t.store.drops.recordFailure(key, "the bot lacks permission", true, t.clock.now);
    expect(t.scheduler.useChannel("1", "c2", t.clock.now)).toEqual({
      waiting: expect.objectContaining({ channelId: "c1", messageIds: ["4001"] }),
      retried: false,
    });
    expect(t.store.drops.unfinished("1", "fixture")?.blocked).toBe(true);
    expect(t.scheduler.useChannel("1", "c1", t.clock.now).retried).toBe(true);
    expect(t.store.drops.unfinished("1", "fixture")?.blocked).toBe(false);
  });
});
