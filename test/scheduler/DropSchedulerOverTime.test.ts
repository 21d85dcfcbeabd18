import { describe, expect, it, vi } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { discordError } from "../helpers/fakeDiscordRest.js";
import {
  FRIDAYS,
  schedulerSetup as setup,
  unhandledRejections,
} from "../helpers/schedulerSetup.js";

const unhandled = unhandledRejections();

describe("DropScheduler over time", () => {
  it("computes every drop time from its clock, years away from the wall clock", async () => {
    const t = setup(["1"], ["one", "two", "late", "soon"], {
      late: new Date("2029-01-01T09:00:00Z"),
      soon: new Date("2031-03-07T09:00:00Z"),
    });
    t.clock.now = new Date("2031-03-05T12:00:00Z");
    t.set("1", FRIDAYS);
    t.store.settings.update(
      "1",
      "fixture",
      { nextDropAt: new Date("2030-06-07T18:00:00Z") },
      t.clock.now,
    );
    await t.scheduler.start();

    const dropOf = (partId: string) =>
      t.store.drops.get({ guildId: "1", storyId: "fixture", partId });
    expect(dropOf("one")).toMatchObject({ reason: "catch-up", createdAt: t.clock.now });
    expect(dropOf("late")).toMatchObject({ reason: "release-at", createdAt: t.clock.now });
    expect(t.store.releases.releasedIds("1", "fixture")).toEqual(new Set(["one", "late"]));
    expect(t.store.settings.get("1", "fixture").nextDropAt).toEqual(
      new Date("2031-03-07T18:00:00Z"),
    );
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
    unhandled.catch();
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
    expect(unhandled.seen).toEqual([]);
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
    t.store.drops.create(
      { ...key, channelId: "c1", reason: "now", pages: 2, textDigest: "d" },
      t.clock.now,
    );
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
