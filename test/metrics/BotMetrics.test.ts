import { describe, expect, it } from "vitest";
import { BotMetrics } from "../../src/metrics/BotMetrics.js";
import { parseMetrics, sampleValue } from "../helpers/parseMetrics.js";

function metrics(pings: [number, number][] = [], now = () => 1_000_000) {
  return new BotMetrics({
    shardIds: [2, 3],
    gatewayPings: () => pings,
    databaseBytes: () => 4096,
    now,
  });
}

const samplesOf = async (bot: BotMetrics) => parseMetrics(await bot.text());

describe("BotMetrics", () => {
  it("labels every sample with the process's shards, a shard's latency with that shard", async () => {
    const samples = await samplesOf(
      metrics([
        [2, 40],
        [3, -1],
      ]),
    );
    expect(sampleValue(samples, "discord_serial_gateway_latency_seconds", { shard: "2" })).toBe(
      0.04,
    );
    // No heartbeat acknowledged yet: no figure, rather than -1 ms.
    expect(
      sampleValue(samples, "discord_serial_gateway_latency_seconds", { shard: "3" }),
    ).toBeUndefined();
    expect(sampleValue(samples, "discord_serial_database_size_bytes")).toBe(4096);
    for (const sample of samples.filter(
      ({ name }) => name !== "discord_serial_gateway_latency_seconds",
    ))
      expect(sample.labels.shard).toBe("2,3");
  });

  it("counts deferrals and latencies by command", async () => {
    const bot = metrics();
    bot.answered("read", "ok", 0.02, false);
    bot.answered("serial", "failed", 2.5, true);
    const samples = await samplesOf(bot);
    expect(
      sampleValue(samples, "discord_serial_interaction_deferrals_total", { command: "serial" }),
    ).toBe(1);
    expect(
      sampleValue(samples, "discord_serial_interaction_deferrals_total", { command: "read" }),
    ).toBeUndefined();
    expect(
      sampleValue(samples, "discord_serial_interaction_duration_seconds_bucket", {
        command: "serial",
        le: "2",
      }),
    ).toBe(0);
    expect(
      sampleValue(samples, "discord_serial_interaction_duration_seconds_bucket", {
        command: "serial",
        le: "3",
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, "discord_serial_interactions_total", {
        command: "serial",
        outcome: "failed",
      }),
    ).toBe(1);
  });

  it("keeps the invalid-request count until discord.js's ten-minute window ends", async () => {
    let now = 1_000_000;
    const bot = metrics([], () => now);
    const invalid = async () =>
      sampleValue(await samplesOf(bot), "discord_serial_rest_invalid_requests");
    expect(await invalid()).toBe(0);
    bot.invalidRequests(1500, 60_000);
    expect(await invalid()).toBe(1500);
    now += 59_999;
    expect(await invalid()).toBe(1500);
    now += 1;
    expect(await invalid()).toBe(0);
  });

  it("counts REST responses by status class, and 429s apart", async () => {
    const bot = metrics();
    bot.restResponded("get", "/channels/:id/messages", 200);
    bot.restResponded("POST", "/channels/:id/messages", 403);
    bot.restResponded("POST", "/channels/:id/messages", 429);
    bot.restResponded("POST", "/channels/:id/messages", 502);
    const samples = await samplesOf(bot);
    const responses = (method: string, status_class: string) =>
      sampleValue(samples, "discord_serial_rest_responses_total", {
        method,
        route: "/channels/:id/messages",
        status_class,
      });
    expect(responses("GET", "2xx")).toBe(1);
    expect(responses("POST", "4xx")).toBe(2);
    expect(responses("POST", "5xx")).toBe(1);
    expect(sampleValue(samples, "discord_serial_rest_rate_limited_total", { method: "POST" })).toBe(
      1,
    );
  });
});
