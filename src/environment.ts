import { config as loadDotenv } from "dotenv";
import { type Config, ConfigError, loadConfig } from "./config.js";
import type { Logger } from "./logger.js";
import { DatabaseError } from "./store/openDatabase.js";
import { StoryLoadError } from "./story/StoryLoadError.js";

/** Settings from the environment, with .env (if present) filled in underneath. */
export function readEnvironment(): Config {
  loadDotenv({ quiet: true });
  return loadConfig(process.env);
}

/**
 * Runs a command-line entry point. A problem the person can fix (a setting, the story folder,
 * the database) is printed as its message alone, and the process exits with status 1 at once:
 * a process started by a shard manager would otherwise live on through its IPC channel, never
 * seen to fail, and never started again.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof StoryLoadError ||
      error instanceof DatabaseError
    ) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(
        `The bot stopped on an unexpected error:\n${String(error instanceof Error ? error.stack : error)}\n`,
      );
    }
    process.exit(1);
  }
}

/** How long a stop may take before the process exits anyway: asked to, or after a fatal error. */
const STOP_MS = 30_000;
const FATAL_STOP_MS = 10_000;

/**
 * Stops the process cleanly when it is asked to, and when it must:
 * - on SIGTERM or SIGINT: `stop`, then exit 0 (1 if stopping failed). A repeated signal while
 *   stopping is ignored, as a terminal's Ctrl-C reaches a whole process group; a process started
 *   by a manager (with an IPC channel) also stops when that channel closes, so it never outlives it.
 * - on a promise rejected with no handler, or an exception nothing caught: the error is logged
 *   with what it was, then `stop`, then exit 1 (also when it comes while stopping), for a
 *   supervisor to start the process again. Nothing in the bot is meant to get here; this is the
 *   last net.
 * A stop that takes too long (STOP_MS, FATAL_STOP_MS) ends with exit 1 anyway.
 */
export function superviseProcess(
  log: Logger,
  stop: (signal: NodeJS.Signals) => Promise<void>,
): void {
  let stopping = false;
  let exitCode: 0 | 1 = 0;
  const shutdown = (signal: NodeJS.Signals, code: 0 | 1) => {
    if (code === 1) exitCode = 1;
    if (stopping) {
      log.info({ signal }, "already shutting down");
      return;
    }
    stopping = true;
    log.info({ signal, exitCode: code }, "shutting down");
    setTimeout(
      () => {
        log.error({ signal }, "stopping took too long; exiting now");
        process.exit(1);
      },
      code === 1 ? FATAL_STOP_MS : STOP_MS,
    ).unref();
    stop(signal).then(
      () => process.exit(exitCode),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM", 0));
  process.on("SIGINT", () => shutdown("SIGINT", 0));
  if (process.send !== undefined) process.once("disconnect", () => shutdown("SIGTERM", 0));
  process.on("unhandledRejection", (reason: unknown) => {
    log.fatal(
      { err: reason, kind: "unhandledRejection" },
      "a promise was rejected and nothing handled it; stopping",
    );
    shutdown("SIGTERM", 1);
  });
  process.on("uncaughtException", (error: Error, origin: string) => {
    log.fatal({ err: error, kind: origin }, "an exception was not caught; stopping");
    shutdown("SIGTERM", 1);
  });
}
