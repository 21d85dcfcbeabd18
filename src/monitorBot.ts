import { type Client, RESTEvents } from "discord.js";
import { type Config, healthPortOf } from "./config.js";
import type { Logger } from "./logger.js";
import { BotMetrics } from "./metrics/BotMetrics.js";
import { discordHealth } from "./metrics/discordHealth.js";
import { type HealthServer, startHealthServer } from "./metrics/startHealthServer.js";
import type { Store } from "./store/Store.js";

/** The health and metrics endpoint's parts, for app.ts to wire in. */
export interface Monitoring {
  /** The observer of the interactions and the drops, and of the REST warnings. */
  readonly metrics: BotMetrics;
  /** Starts the endpoint on HEALTH_HOST, HEALTH_PORT plus the process's first shard id. */
  listen(): Promise<HealthServer>;
}

/**
 * The metrics of this process's client and database, counting REST responses from now on, and
 * the endpoint that serves them with /healthz; undefined when HEALTH_PORT is not set (the
 * endpoint is off, and nothing is counted).
 */
export function monitorBot(
  config: Config,
  client: Client,
  store: Store,
  log: Logger,
): Monitoring | undefined {
  const { healthPort, healthHost } = config;
  if (healthPort === undefined) return undefined;
  const shardIds = client.shard?.ids ?? [0];
  const metrics = new BotMetrics({
    shardIds,
    gatewayPings: () => client.ws.shards.map((shard): [number, number] => [shard.id, shard.ping]),
    databaseBytes: () => store.sizeBytes(),
  });
  client.rest.on(RESTEvents.Response, (request, response) =>
    metrics.restResponded(request.method, request.route, response.status),
  );
  return {
    metrics,
    listen: () =>
      startHealthServer({
        host: healthHost,
        port: healthPortOf(healthPort, shardIds[0] ?? 0),
        log,
        health: () => ({
          discord: discordHealth(
            client.ws.status,
            client.ws.shards.map((shard) => shard.status),
          ),
          database: store.checkHealth(),
        }),
        metrics,
      }),
  };
}
