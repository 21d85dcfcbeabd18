import { RESTEvents } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

/** The bot's log lines about invalid requests, parsed. */
const warnings = () =>
  h.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => typeof line.msg === "string" && line.msg.includes("invalid requests"));

describe("invalid requests (401, 403, 429) that would get the bot banned", () => {
  it("has discord.js count them and warn before the ban, and logs each warning with the count, as an error from 5000", async () => {
    h = await startHarness({}, {}, { logLevel: "warn" });
    const interval = h.app.client.rest.options.invalidRequestWarningInterval;
    expect(interval).toBeGreaterThan(0);
    expect(interval).toBeLessThan(10_000);

    // discord.js emits this every `interval` invalid requests in its ten-minute window.
    h.app.client.rest.emit(RESTEvents.InvalidRequestWarning, {
      count: 500,
      remainingTime: 420_000,
    });
    h.app.client.rest.emit(RESTEvents.InvalidRequestWarning, {
      count: 4500,
      remainingTime: 300_000,
    });
    h.app.client.rest.emit(RESTEvents.InvalidRequestWarning, {
      count: 5000,
      remainingTime: 200_000,
    });
    h.app.client.rest.emit(RESTEvents.InvalidRequestWarning, {
      count: 9500,
      remainingTime: 100_000,
    });

    expect(
      warnings().map(({ level, count, resetsInMs }) => ({ level, count, resetsInMs })),
    ).toEqual([
      { level: 40, count: 500, resetsInMs: 420_000 },
      { level: 40, count: 4500, resetsInMs: 300_000 },
      { level: 50, count: 5000, resetsInMs: 200_000 },
      { level: 50, count: 9500, resetsInMs: 100_000 },
    ]);
    expect(warnings()[0]?.msg).toMatch(/10,000/);
  });
});
