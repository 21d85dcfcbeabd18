import { config as loadDotenv } from "dotenv";
import { type Config, ConfigError, loadConfig } from "./config.js";
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
