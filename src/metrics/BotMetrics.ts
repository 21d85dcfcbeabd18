import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AnswerOutcome, InteractionObserver } from "../commands/InteractionObserver.js";
import type { DropObserver, DropResult } from "../scheduler/DropObserver.js";
import { restRouteLabel } from "./restRouteLabel.js";

/** Where the figures read at scrape time come from. */
export interface MetricSources {
  /** This process's shard ids (`[0]` unsharded): every metric's `shard` label. */
  readonly shardIds: readonly number[];
  /** Each shard's id and last heartbeat round trip in milliseconds (negative before the first). */
  readonly gatewayPings: () => Iterable<readonly [shardId: number, ms: number]>;
  /** The database's size on disk in bytes. */
  readonly databaseBytes: () => number;
  /** Milliseconds since the epoch, for the invalid-request window. */
  readonly now?: () => number;
}

const PREFIX = "discord_serial_";

/** Answer latencies, in seconds: Discord wants the first answer within 3 s (the bot defers at 2). */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

const DROP_RESULTS: readonly DropResult[] = ["posted", "failed", "nothing"];

/**
 * The bot's Prometheus metrics, in a registry of their own (never prom-client's global one), with
 * Node's process metrics: what the dispatcher and the drops tell it (it is their observer), what
 * app.ts passes on from discord.js's REST client, and what it reads at each scrape. The only
 * module that imports prom-client.
 */
export class BotMetrics implements InteractionObserver, DropObserver {
  readonly #registry = new Registry();
  readonly #interactions: Counter<"command" | "outcome">;
  readonly #latency: Histogram<"command">;
  readonly #deferrals: Counter<"command">;
  readonly #drops: Counter<"result">;
  readonly #responses: Counter<"method" | "route" | "status_class">;
  readonly #rateLimited: Counter<"method" | "route">;
  readonly #now: () => number;
  /** The last invalid-request count discord.js reported, and when its ten-minute window ends. */
  #invalid = { count: 0, resetsAt: 0 };

  constructor(sources: MetricSources) {
    const registers = [this.#registry];
    this.#now = sources.now ?? Date.now;
    this.#registry.setDefaultLabels({ shard: sources.shardIds.join(",") });
    collectDefaultMetrics({ register: this.#registry });
    this.#interactions = new Counter({
      name: `${PREFIX}interactions_total`,
      help: "Interactions answered, by command (or button:<prefix>) and outcome: ok, refused (the member was told why) or failed.",
      labelNames: ["command", "outcome"],
      registers,
    });
    this.#latency = new Histogram({
      name: `${PREFIX}interaction_duration_seconds`,
      help: "Time from an interaction's arrival to its answer (or its error message) sent, by command.",
      labelNames: ["command"],
      buckets: ANSWER_BUCKETS,
      registers,
    });
    this.#deferrals = new Counter({
      name: `${PREFIX}interaction_deferrals_total`,
      help: "Interactions whose answer took long enough to be deferred first, by command.",
      labelNames: ["command"],
      registers,
    });
    this.#drops = new Counter({
      name: `${PREFIX}drops_total`,
      help: "Drops asked for (scheduled, made up, by hand or timed), by result: posted, failed (kept, to be finished later) or nothing (nothing to post).",
      labelNames: ["result"],
      registers,
    });
    for (const result of DROP_RESULTS) this.#drops.inc({ result }, 0);
    this.#responses = new Counter({
      name: `${PREFIX}rest_responses_total`,
      help: "Responses from Discord's REST API, by method, route (ids replaced by :id) and status class.",
      labelNames: ["method", "route", "status_class"],
      registers,
    });
    this.#rateLimited = new Counter({
      name: `${PREFIX}rest_rate_limited_total`,
      help: "429 responses from Discord's REST API, by method and route.",
      labelNames: ["method", "route"],
      registers,
    });
    const invalid: Gauge = new Gauge({
      name: `${PREFIX}rest_invalid_requests`,
      help: "Invalid requests (401, 403, 429) in discord.js's current ten-minute window, as of its last warning (every 500); Discord bans the bot's address for an hour at 10,000.",
      registers,
      collect: () => invalid.set(this.#invalid.resetsAt > this.#now() ? this.#invalid.count : 0),
    });
    const gateway: Gauge<"shard"> = new Gauge({
      name: `${PREFIX}gateway_latency_seconds`,
      help: "Each shard's last gateway heartbeat round trip.",
      labelNames: ["shard"],
      registers,
      collect: () => {
        gateway.reset();
        for (const [shardId, ms] of sources.gatewayPings())
          if (ms >= 0) gateway.set({ shard: String(shardId) }, ms / 1000);
      },
    });
    const database: Gauge = new Gauge({
      name: `${PREFIX}database_size_bytes`,
      help: "The SQLite database's size on disk: its pages and its WAL file.",
      registers,
      collect: () => database.set(sources.databaseBytes()),
    });
  }

  answered(command: string, outcome: AnswerOutcome, seconds: number, deferred: boolean): void {
    this.#interactions.inc({ command, outcome });
    this.#latency.observe({ command }, seconds);
    if (deferred) this.#deferrals.inc({ command });
  }

  dropped(result: DropResult): void {
    this.#drops.inc({ result });
  }

  /** A response from Discord's REST API; `route` is discord.js's bucket route (`request.route`). */
  restResponded(method: string, route: string, status: number): void {
    const labels = { method: method.toUpperCase(), route: restRouteLabel(route) };
    this.#responses.inc({ ...labels, status_class: `${Math.floor(status / 100)}xx` });
    if (status === 429) this.#rateLimited.inc(labels);
  }

  /** discord.js's InvalidRequestWarning: `count` invalid requests, its window ending in `resetsInMs`. */
  invalidRequests(count: number, resetsInMs: number): void {
    this.#invalid = { count, resetsAt: this.#now() + resetsInMs };
  }

  get contentType(): string {
    return this.#registry.contentType;
  }

  /** Every metric, in Prometheus's text format. */
  text(): Promise<string> {
    return this.#registry.metrics();
  }
}
