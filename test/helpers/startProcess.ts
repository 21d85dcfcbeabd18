import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eventually } from "./eventually.js";

const root = new URL("../..", import.meta.url).pathname;

/** A Node process started by a test or the benchmark (the bot, or a baseline bot). */
export interface StartedProcess {
  readonly child: ChildProcess;
  /** What it has printed on stdout so far. */
  stdout(): string;
  /** Resolves when it has printed `text` on stdout; fails with its output after `timeoutMs`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Its resident memory now, in bytes (Linux /proc). */
  rss(): number;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Runs a file of this repository (a path from its root) in its own Node process, with only
 * PATH and `env` in its environment, collecting its output: a TypeScript one (`src/index.ts`, a
 * baseline bot under bench/) with tsx, a compiled one (`dist/index.js`, see `buildBot`) on
 * plain Node, as `npm start` runs it.
 */
export function startProcess(
  script: string,
  env: Readonly<Record<string, string>>,
  nodeArgs: readonly string[] = [],
): StartedProcess {
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, join(root, script)], {
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
  /** Settles once the process has ended and its output is all read ("close", not "exit"). */
  let ended = false;
  const closed = new Promise<void>((resolve) =>
    child.once("close", () => {
      ended = true;
      resolve();
    }),
  );
  return {
    child,
    stdout: () => stdout,
    waitForOutput: (text, timeoutMs = 60_000) =>
      eventually(() => stdout.includes(text) || ended, `"${text}" from ${script}`, timeoutMs)
        .then(() => {
          if (!stdout.includes(text)) throw new Error(`${script} exited before "${text}"`);
        })
        .catch((error: unknown) => {
          throw new Error(
            `${String(error)}\nstderr:\n${stderr.slice(-4000)}\nstdout:\n${stdout.slice(-4000)}`,
          );
        }),
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      if (kib === undefined) throw new Error(`no VmRSS for ${script}`);
      return Number(kib) * 1024;
    },
    async stop() {
      if (ended) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await closed;
      clearTimeout(timer);
    },
  };
}
