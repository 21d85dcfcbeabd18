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
 * the database) is printed as its message alone, and the process exits with status 1.
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
    process.exitCode = 1;
  }
}

/**
 * Stops cleanly on SIGTERM or SIGINT (exit 0, or 1 if stopping failed). A repeated signal while
 * stopping is ignored, as a terminal's Ctrl-C reaches a whole process group; a process started by
 * a manager (with an IPC channel) also stops when that channel closes, so it never outlives it.
 */
export function stopOnSignals(log: Logger, stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.info({ signal }, "already shutting down");
      return;
    }
    stopping = true;
    log.info({ signal }, "shutting down");
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  if (process.send !== undefined) process.once("disconnect", () => shutdown("SIGTERM"));
}
