import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { REST, Routes, type Shard, ShardingManager } from "discord.js";
import { z } from "zod";
import { healthPortOf, requireToken } from "./config.js";
import { backoffDelay } from "./core/backoffDelay.js";
import { readEnvironment, runMain, superviseProcess } from "./environment.js";
import { createLogger, type Logger } from "./logger.js";

const gatewayBot = z.object({
  shards: z.number().int().min(1),
  session_start_limit: z.object({ max_concurrency: z.number().int().min(1) }),
});

/** Discord allows `max_concurrency` IDENTIFYs per 5 s; discord.js spaces shards 5.5 s apart. */
const IDENTIFY_WINDOW_MS = 5500;

/** A shard that exits is started again after 1 s, then 2, 4… up to a minute while it keeps failing. */
const RESPAWN_BASE_MS = 1000;
const RESPAWN_MAX_MS = 60_000;
/** A shard that ran this long before exiting starts again after the shortest wait. */
const STABLE_MS = 60_000;
/** How long a started shard has to connect before it counts as failed. */
const READY_TIMEOUT_MS = 30_000;

/**
 * The recommended shard count and identify concurrency, asked of the configured API:
 * ShardingManager's own "auto" always asks discord.com, which knows nothing of a REST proxy or
 * the local Discord.
 */
async function fetchGatewayBot(token: string, api: string | undefined) {
  const rest = new REST(api === undefined ? {} : { api }).setToken(token);
  return gatewayBot.parse(await rest.get(Routes.gatewayBot()));
}

/** Forwards a signal to a shard's process and waits for it to exit. */
async function stopShard(shard: Shard, signal: NodeJS.Signals, log: Logger): Promise<void> {
  const child = shard.process;
  if (child === null || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  const [code, exitSignal] = await exited;
  log.info({ shardId: shard.id, code, signal: exitSignal }, "shard stopped");
}

/**
 * `npm run start:sharded`: runs the bot as TOTAL_SHARDS processes (src/index.ts each), every one
 * connected as its own shard and serving, dropping and answering only for its own servers.
 */
await runMain(async () => {
  const config = readEnvironment();
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  const token = requireToken(config);
  const gateway = await fetchGatewayBot(token, config.discordApiUrl);
  const totalShards = config.shardCount === "auto" ? gateway.shards : config.shardCount;
  // Each shard serves its health endpoint on HEALTH_PORT plus its id: the last must fit too.
  if (config.healthPort !== undefined) healthPortOf(config.healthPort, totalShards - 1);
  const delay = Math.ceil(IDENTIFY_WINDOW_MS / gateway.session_start_limit.max_concurrency);
  // Compiled (`npm run start:sharded`, dist/) each shard runs index.js on plain Node; from the
  // TypeScript source (tests, `tsx src/shard.ts`) index.ts through tsx.
  const compiled = import.meta.url.endsWith(".js");
  const manager = new ShardingManager(
    fileURLToPath(new URL(compiled ? "index.js" : "index.ts", import.meta.url)),
    {
      token,
      totalShards,
      execArgv: compiled ? ["--enable-source-maps"] : ["--import", "tsx"],
      respawn: false,
    },
  );
  let stopping = false;
  const respawns = new Set<NodeJS.Timeout>();
  manager.on("shardCreate", (shard) => {
    let readyAt: number | undefined;
    let failures = 0;
    shard.on("ready", () => {
      readyAt = Date.now();
      log.info({ shardId: shard.id }, "shard ready");
    });
    shard.on("death", () => {
      if (stopping) return;
      if (readyAt !== undefined && Date.now() - readyAt >= STABLE_MS) failures = 0;
      readyAt = undefined;
      const delayMs = backoffDelay(failures, RESPAWN_BASE_MS, RESPAWN_MAX_MS);
      failures += 1;
      log.warn({ shardId: shard.id, delayMs, failures }, "shard process exited; starting it again");
      const timer = setTimeout(() => {
        respawns.delete(timer);
        if (stopping) return;
        shard
          .spawn(READY_TIMEOUT_MS)
          .catch((error: unknown) =>
            log.error({ shardId: shard.id, err: error }, "shard did not start again"),
          );
      }, delayMs);
      respawns.add(timer);
    });
  });
  const stopAll = async (signal: NodeJS.Signals) => {
    stopping = true;
    for (const timer of respawns) clearTimeout(timer);
    await Promise.all(manager.shards.map((shard) => stopShard(shard, signal, log)));
  };
  superviseProcess(log, stopAll);

  log.info({ totalShards, delay }, "starting the shards");
  try {
    await manager.spawn({ delay });
  } catch (error) {
    if (!stopping) {
      log.error({ err: error }, "a shard did not start; stopping the others");
      await stopAll("SIGTERM");
      process.exitCode = 1;
    }
    return;
  }
  if (stopping) return;
  log.info({ totalShards }, "every shard ready; a shard that exits is started again");
});
