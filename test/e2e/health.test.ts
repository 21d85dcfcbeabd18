import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { RESTEvents } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startLocalServer } from "../../src/sandbox/startLocalServer.js";
import { eventually } from "../helpers/eventually.js";
import { freePorts } from "../helpers/freePorts.js";
import { type Harness, messageOf, startHarness } from "../helpers/harness.js";
import { parseMetrics, sampleValue } from "../helpers/parseMetrics.js";
import { tempDir } from "../helpers/tempDir.js";

let h: Harness | undefined;

afterEach(async () => {
  if (h === undefined) return;
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
  h = undefined;
});

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

async function get(port: number, path: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

/** Asks for `path` every 25 ms until the answer is one `wanted` accepts (connection refusals retried). */
async function getUntil(
  port: number,
  path: string,
  wanted: (answer: Answer) => boolean,
  description: string,
): Promise<Answer> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await get(port, path).catch(() => undefined);
    if (answer !== undefined && wanted(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await sleep(25);
  }
}

const healthOf = (answer: Answer) => JSON.parse(answer.body) as unknown;

describe("GET /healthz", () => {
  it("answers 503 while the bot logs in, 200 once connected, 503 while its gateway reconnects and 200 once it has resumed", async () => {
    const port = await freePorts();
    const starting = startHarness(
      { HEALTH_PORT: String(port) },
      {},
      {
        // Discord answers the gateway lookup of the login only after 1.5 s.
        beforeStart: (discord) =>
          discord.injectFault({
            method: "GET",
            path: "/gateway/bot",
            fault: { status: 429, retryAfterMs: 1500 },
          }),
      },
    );
    const before = await getUntil(port, "/healthz", () => true, "the endpoint to answer");
    expect(before.status).toBe(503);
    expect(healthOf(before)).toEqual({ discord: "idle", database: "ok" });
    h = await starting;

    const ready = await get(port, "/healthz");
    expect(ready.status).toBe(200);
    expect(healthOf(ready)).toEqual({ discord: "ready", database: "ok" });

    const hold = h.discord.holdGateway();
    h.discord.disconnectAll();
    const reconnecting = await getUntil(port, "/healthz", (a) => a.status === 503, "a 503");
    expect(healthOf(reconnecting)).toEqual({ discord: "connecting", database: "ok" });
    hold.release();
    const resumed = await getUntil(port, "/healthz", (a) => a.status === 200, "a 200");
    expect(healthOf(resumed)).toEqual({ discord: "ready", database: "ok" });
    expect(h.discord.sessions).toMatchObject([{ resumes: 1, connected: true }]);
  });

  it("answers 503 within a fraction of a second while another connection holds the database's write lock", async () => {
    const port = await freePorts();
    h = await startHarness({ HEALTH_PORT: String(port) }, {}, { logLevel: "info" });
    const harness = h;
    // The start-up work is done: nothing of the bot's waits on the lock meanwhile.
    await eventually(
      () => harness.logs.some((line) => line.includes('"msg":"reactions reconciled"')),
      "the start-up reaction catch-up",
    );
    expect((await get(port, "/healthz")).status).toBe(200);
    const other = new Database(h.config.databasePath);
    other.exec("BEGIN IMMEDIATE");
    try {
      const locked = await get(port, "/healthz");
      expect(locked.status).toBe(503);
      expect(healthOf(locked)).toEqual({ discord: "ready", database: "locked" });
      expect(locked.ms).toBeLessThan(1000);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect((await get(port, "/healthz")).status).toBe(200);
    expect(h.logs.some((line) => line.includes('"msg":"health check failing"'))).toBe(true);
  });

  it("is off without HEALTH_PORT: no listener on discord.js's REST responses either", async () => {
    h = await startHarness();
    expect(h.app.client.rest.listenerCount(RESTEvents.Response)).toBe(0);
  });

  it("refuses to start, naming HEALTH_PORT, when its port is taken", async () => {
    const port = await freePorts();
    const taken = createServer().listen(port, "127.0.0.1");
    await once(taken, "listening");
    const server = await startLocalServer();
    const config = loadConfig({
      ...server.env,
      DATABASE_PATH: join(tempDir(), "serial.db"),
      HEALTH_PORT: String(port),
    });
    try {
      const started = startApp(config, createLogger({ level: "silent" }));
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(/127\.0\.0\.1:\d+: another program .* HEALTH_PORT/);
      expect(server.discord.sessions).toEqual([]);
    } finally {
      taken.close();
      await server.discord.close();
    }
  });
});

describe("GET /metrics", () => {
  it("counts interactions by command and outcome, drops by result and REST responses by route, with the shard on every sample", async () => {
    const port = await freePorts();
    h = await startHarness({ HEALTH_PORT: String(port) }, { heartbeatIntervalMs: 200 });
    const harness = h;
    const where = { channelId: h.reading.id, userId: h.reader.id };
    // One answer meets a 429 first, and is sent again after it.
    h.discord.injectFault({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      fault: { status: 429, retryAfterMs: 50 },
    });
    const dropped = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.author.id,
      name: "serial drop-now",
    });
    expect(messageOf(dropped).content).not.toMatch(/Nothing was dropped/);
    for (let turn = 0; turn < 3; turn += 1) {
      const read = await h.discord.runCommand({
        ...where,
        name: "read",
        options: { part: "new-york" },
      });
      expect(messageOf(read).embeds[0]?.title).toBe("Part 1 · New York");
    }
    const refused = await h.discord.runCommand({ ...where, name: "serial status" });
    expect(messageOf(refused).content).toMatch(/Only the story's authors/);
    h.app.client.rest.emit(RESTEvents.InvalidRequestWarning, {
      count: 500,
      remainingTime: 420_000,
    });
    await eventually(
      () => harness.app.client.ws.shards.every((shard) => shard.ping >= 0),
      "a heartbeat acknowledged",
    );

    const answer = await get(port, "/metrics");
    expect(answer.status).toBe(200);
    const samples = parseMetrics(answer.body);
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(samples, `discord_serial_${name}`, labels);

    expect(value("interactions_total", { command: "read", outcome: "ok" })).toBe(3);
    expect(value("interactions_total", { command: "serial", outcome: "refused" })).toBe(1);
    expect(value("interactions_total", { command: "serial", outcome: "ok" })).toBe(1);
    expect(value("interactions_total", { outcome: "failed" })).toBeUndefined();
    expect(value("interaction_duration_seconds_count", { command: "read" })).toBe(3);
    expect(value("interaction_duration_seconds_bucket", { command: "read", le: "+Inf" })).toBe(3);
    expect(value("drops_total", { result: "posted" })).toBe(1);
    expect(value("drops_total", { result: "failed" })).toBe(0);
    expect(value("drops_total", { result: "nothing" })).toBe(0);
    const callback = { method: "POST", route: "/interactions/:id/:token/callback" };
    expect(value("rest_responses_total", { ...callback, status_class: "2xx" })).toBe(5);
    expect(value("rest_responses_total", { ...callback, status_class: "4xx" })).toBe(1);
    expect(value("rest_rate_limited_total", callback)).toBe(1);
    expect(
      value("rest_responses_total", {
        method: "POST",
        route: "/channels/:id/messages",
        status_class: "2xx",
      }),
    ).toBe(2);
    expect(value("rest_invalid_requests")).toBe(500);
    expect(value("gateway_latency_seconds", { shard: "0" })).toBeGreaterThanOrEqual(0);
    expect(value("database_size_bytes")).toBeGreaterThan(0);
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sampleValue(samples, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);

    const routes = samples.flatMap((sample) =>
      sample.labels.route === undefined ? [] : [sample.labels.route],
    );
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route).not.toMatch(/\d/);
    for (const sample of samples) expect(sample.labels.shard).toBe("0");
  });
});
