import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { nextRuns, nodeCronSchedule } from "../../src/cron/cronSchedule.js";
import { createLogger } from "../../src/logger.js";
import { eventually } from "../helpers/eventually.js";

describe("cron schedules", () => {
  it("computes the next runs after any moment, in the schedule's time zone, with node-cron's matcher", () => {
    expect(nextRuns("0 18 * * 5", "Europe/London", new Date("2026-03-20T18:30:00Z"), 3)).toEqual({
      ok: true,
      runs: [
        new Date("2026-03-27T18:00:00Z"),
        new Date("2026-04-03T17:00:00Z"),
        new Date("2026-04-10T17:00:00Z"),
      ],
    });
  });

  it("says a schedule that parses but never comes never fires, and one that does not parse cannot be computed", () => {
    expect(nextRuns("0 0 1-7 * 1#2", "UTC", new Date("2026-01-01T00:00:00Z"), 1)).toEqual({
      ok: false,
      problem: expect.stringMatching(/^never fires: no date matches it/),
    });
    expect(nextRuns("not cron", "UTC", new Date(), 1)).toMatchObject({ ok: false });
  });

  it("sends node-cron's own log lines through the bot's logger", async () => {
    const lines: { msg: string; source?: string }[] = [];
    const log = createLogger({
      level: "warn",
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    const schedules = nodeCronSchedule(log);
    const watch = schedules.watch("* * * * * *", "UTC", () => sleep(2500));
    try {
      await eventually(
        () => lines.some((line) => /overlap prevention/.test(line.msg)),
        "node-cron's overlap warning",
        6000,
      );
    } finally {
      await watch.stop();
    }
    expect(lines.find((line) => /overlap prevention/.test(line.msg))?.source).toBe("node-cron");
  });

  it("runs a callback at a moment, and not once stopped", async () => {
    const schedules = nodeCronSchedule(createLogger({ level: "silent" }));
    let runs = 0;
    schedules.at(new Date(Date.now() + 20), async () => {
      runs += 1;
    });
    const stopped = schedules.at(new Date(Date.now() + 20), async () => {
      runs += 10;
    });
    await stopped.stop();
    await eventually(() => runs > 0, "the timed run");
    await sleep(50);
    expect(runs).toBe(1);
  });
});
