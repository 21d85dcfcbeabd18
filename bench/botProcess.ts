import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import ts from "typescript";

const root = new URL("..", import.meta.url).pathname;

/** A Node process the benchmark started (the bot, or a baseline bot), and its measurements. */
export interface BenchProcess {
  readonly child: ChildProcess;
  /** Resolves when the process has printed `text` on stdout; rejects after `timeoutMs`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resident memory of the process now, in bytes (Linux /proc). */
  rss(): number;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Runs a file of this repository in its own Node process, with only PATH and `env` in its
 * environment: a TypeScript one (e.g. `src/index.ts`, or a baseline bot under bench/) with tsx,
 * a compiled one (`dist/index.js`, see `compiled`) on plain Node.
 */
export function startProcess(
  script: string,
  env: Readonly<Record<string, string>>,
  nodeArgs: readonly string[] = [],
): BenchProcess {
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
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    waitForOutput: (text, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = setInterval(() => {
          if (stdout.includes(text)) {
            clearInterval(check);
            resolve();
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(check);
            reject(
              new Error(`${script} did not print "${text}".\nstderr:\n${stderr.slice(-2000)}`),
            );
          }
        }, 20);
      }),
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
      if (kib === undefined) throw new Error(`no VmRSS for ${script}`);
      return Number(kib) * 1024;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Compiles `script` for plain Node, as `npm start` runs the bot: the bot with its build
 * (`npm run build`, into dist/), a TypeScript file under bench/ transpiled on its own into
 * node_modules/.cache (where it still finds the packages). Returns the compiled file's path
 * from the repository's root.
 */
export function compiled(script: string): string {
  if (script.startsWith("src/")) {
    execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "pipe" });
    return script.replace(/^src\//, "dist/").replace(/\.ts$/, ".js");
  }
  const output = join("node_modules", ".cache", "discord-serial-bench", basename(script, ".ts"));
  const source = readFileSync(join(root, script), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
  });
  mkdirSync(join(root, dirname(output)), { recursive: true });
  writeFileSync(join(root, `${output}.mjs`), outputText);
  return `${output}.mjs`;
}
