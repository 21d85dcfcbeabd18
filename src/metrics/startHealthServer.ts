import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import { ConfigError } from "../config.js";
import type { Logger } from "../logger.js";

/** What GET /healthz reports: the gateway's status (see discordHealth) and the database's. */
export interface Health {
  readonly discord: string;
  readonly database: string;
}

export interface HealthServerOptions {
  readonly host: string;
  readonly port: number;
  readonly log: Logger;
  /** How the bot stands now; healthy when Discord is "ready" and the database "ok". */
  readonly health: () => Health;
  /** The metrics in Prometheus's text format (see BotMetrics). */
  readonly metrics: { readonly contentType: string; text(): Promise<string> };
}

export interface HealthServer {
  close(): Promise<void>;
}

/** The fix for each error listening can meet, by its code. */
const LISTEN_FIXES: Readonly<Record<string, string>> = {
  EADDRINUSE: "another program (or another copy of the bot) uses that port",
  EACCES: "the bot may not listen on that port (ports below 1024 need privileges)",
  EADDRNOTAVAIL: "that address is not one of this machine's",
  ENOTFOUND: "that host name does not resolve",
};

/**
 * Serves GET /healthz (200 when healthy, 503 otherwise, with the two statuses as JSON) and
 * GET /metrics (Prometheus's text format). Plain node:http: two read-only routes need no
 * framework, and a framework would be one more dependency to keep up for them. Resolves once
 * listening; a port it cannot use is a ConfigError naming HEALTH_PORT and HEALTH_HOST.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { host, port, log } = options;
  let healthy: boolean | undefined;
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET") {
      answer(response, 405, "text/plain; charset=utf-8", "Only GET is served.\n", { Allow: "GET" });
    } else if (path === "/healthz") {
      const health = options.health();
      const ok = health.discord === "ready" && health.database === "ok";
      // A change is logged, not every check: a supervisor may ask every few seconds.
      if (ok !== healthy) {
        if (!ok && healthy !== undefined) log.warn({ ...health }, "health check failing");
        else if (ok && healthy === false) log.info({ ...health }, "health check passing");
        healthy = ok;
      }
      answer(response, ok ? 200 : 503, "application/json", `${JSON.stringify(health)}\n`);
    } else if (path === "/metrics") {
      options.metrics.text().then(
        (text) => answer(response, 200, options.metrics.contentType, text),
        (error: unknown) => {
          log.error({ err: error }, "could not collect the metrics");
          answer(response, 500, "text/plain; charset=utf-8", "Could not collect the metrics.\n");
        },
      );
    } else {
      answer(response, 404, "text/plain; charset=utf-8", "Not found: try /healthz or /metrics.\n");
    }
  });
  // Scrapes are short: a client that sends nothing for a while is let go.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  server.listen(port, host);
  try {
    // Rejects with the error instead when listening fails.
    await once(server, "listening");
  } catch (error) {
    server.close();
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    throw new ConfigError(
      `The health endpoint cannot listen on ${host}:${port}: ${LISTEN_FIXES[code] ?? String(error)}${code === "" ? "" : ` (${code})`}. Set HEALTH_PORT (with sharding, HEALTH_PORT up to HEALTH_PORT + shards - 1 are used) and HEALTH_HOST to a free port and an address of this machine, or leave HEALTH_PORT empty to turn the endpoint off.`,
    );
  }
  server.on("error", (error) => log.error({ host, port, err: error }, "health endpoint error"));
  log.info({ host, port }, "health endpoint listening");
  return {
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function answer(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    "Content-Type": contentType,
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(body);
}
