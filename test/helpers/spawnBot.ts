import { onTestFinished } from "vitest";
import { type StartedProcess, startProcess } from "./startProcess.js";

/** How long a test waits for a bot's output by default: less than a test may take. */
const WAIT_MS = 15_000;

/**
 * Runs `src/<script>` with tsx, or, `compiled`, its build in `dist/` on plain Node as `npm start`
 * does (see `buildBot`), with only PATH and `env` in its environment (see `startProcess`). It is
 * killed when the test ends, whatever happened.
 */
export function spawnBot(
  script: "index.ts" | "shard.ts" | "deployCommands.ts",
  env: Readonly<Record<string, string>>,
  options: { readonly compiled?: boolean } = {},
): StartedProcess {
  const bot = options.compiled
    ? startProcess(`dist/${script.replace(/\.ts$/, ".js")}`, env, ["--enable-source-maps"])
    : startProcess(`src/${script}`, env);
  onTestFinished(() => {
    bot.child.kill("SIGKILL");
  });
  return {
    ...bot,
    // Under the tests' own timeout, so that a bot that never gets there fails with its output.
    waitForOutput: (text, timeoutMs = WAIT_MS) => bot.waitForOutput(text, timeoutMs),
  };
}
