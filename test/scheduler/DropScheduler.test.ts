import { describe, expect, it, vi } from "vitest";
import { discordError } from "../helpers/fakeDiscordRest.js";
import {
  FRIDAYS,
  MONDAYS,
  schedulerSetup as setup,
  unhandledRejections,
} from "../helpers/schedulerSetup.js";

const unhandled = unhandledRejections();

describe("DropScheduler", () => {
  it("runs one task per schedule and drops in the servers that follow it", async () => {
    const t = setup(["1", "2", "3"]);
    t.set("1", FRIDAYS);
    t.set("2", FRIDAYS);
    t.set("3", MONDAYS);
    await t.scheduler.start();
    expect(t.schedules.running().sort()).toEqual([`${FRIDAYS} @ UTC`, `${MONDAYS} @ UTC`]);
    expect(t.store.settings.get("1", "fixture").nextDropAt).toEqual(
      new Date("2026-12-04T18:00:00Z"),
    );

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

    t.store.settings.update("2", "fixture", { paused: true }, t.clock.now);
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
    unhandled.catch();
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
    expect(unhandled.seen).toEqual([]);
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
        textDigest: "d",
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
});
