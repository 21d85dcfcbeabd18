import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { eventually } from "./eventually.js";

const root = new URL("../..", import.meta.url).pathname;

export interface BotProcess {
  readonly child: ChildProcess;
  stdout(): string;
  /** Waits until the process has printed `text`; fails with its stderr if it does not. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
}

/**
 * Runs `src/<script>` on node with tsx, or, `compiled`, its build in `dist/` on plain node as
 * `npm start` does (see `buildBot`), with only PATH and `env` in its environment, collecting
 * its output. It is killed when the test ends, whatever happened.
 */
export function spawnBot(
  script: "index.ts" | "shard.ts" | "deployCommands.ts",
  env: Readonly<Record<string, string>>,
  options: { readonly compiled?: boolean } = {},
): BotProcess {
  const args = options.compiled
    ? ["--enable-source-maps", join(root, "dist", script.replace(/\.ts$/, ".js"))]
    : ["--import", "tsx", join(root, "src", script)];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  return {
    child,
    stdout: () => stdout,
    waitForOutput: (text, timeoutMs = 15_000) =>
      eventually(() => stdout.includes(text), `"${text}" from ${script}`, timeoutMs).catch(
        (error: unknown) => {
          throw new Error(`${String(error)}\nstderr:\n${stderr}\nstdout:\n${stdout}`);
        },
      ),
  };
}

/** Builds the bot into `dist/` as `npm start` does first (`npm run build`). */
export function buildBot(): void {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "pipe" });
}
