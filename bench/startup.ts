import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalServer } from "../src/sandbox/startLocalServer.js";
import { startProcess } from "../test/helpers/startProcess.js";
import { type Benchmark, ratioRow } from "./BenchRow.js";
import { compiled } from "./compiled.js";

const RUNS = 5;
const TARGET_RATIO = 1.15;
/**
 * What a CPU profile of one compiled start (2026-12-03, 1,040 ms on the main thread) showed; not
 * measured in this run. The README gives the figures.
 */
const HELD_BACK =
  "from a profile of one start: about 600 ms is Node loading modules, of which discord.js (which the baseline loads too) is about 290 ms and the bot's other packages (YAML, front matter, metrics, zod, logging, Markdown, line breaking) about 120 ms; loading the story 55 ms; compiling the emoji pattern 50 ms. Bundling the bot's own modules into one file (esbuild) made no difference. The baseline loads discord.js and connects, nothing else";

/** Milliseconds from spawning `script` until it prints `ready`; the median of RUNS starts. */
async function timeToReady(script: string, env: Readonly<Record<string, string>>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const bot = startProcess(script, env);
    try {
      await bot.waitForOutput("ready");
      times.push(performance.now() - started);
    } finally {
      await bot.stop();
    }
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] ?? Number.NaN;
}

/**
 * Start-up: from starting the process (compiled, on plain Node, as `npm start` does) to ready
 * against the local Discord: story loaded and paged, database opened and migrated, gateway
 * connected, commands registered, schedules set. Baseline: the minimal discord.js bot
 * (bench/baselineBot.ts, compiled too), which connects and registers one command. A second row
 * shows what running from the TypeScript source with tsx costs on top.
 */
export const startup: Benchmark = {
  name: "startup",
  async run(progress) {
    const server = await startLocalServer({ checkSpec: false });
    const dir = mkdtempSync(join(tmpdir(), "discord-serial-bench-startup-"));
    try {
      progress(`the compiled bot, ${RUNS} starts`);
      const bot = await timeToReady(compiled("src/index.ts"), {
        ...server.env,
        DATABASE_PATH: join(dir, "serial.db"),
      });
      progress(`the minimal discord.js bot, ${RUNS} starts`);
      const baseline = await timeToReady(compiled("bench/baselineBot.ts"), server.env);
      progress(`the bot from the source with tsx, ${RUNS} starts`);
      const fromSource = await timeToReady("src/index.ts", {
        ...server.env,
        DATABASE_PATH: join(dir, "serial-from-source.db"),
      });
      return [
        ratioRow({
          group: "6. Start-up",
          figure: `process start to ready (median of ${RUNS})`,
          value: bot,
          unit: "ms",
          baseline: { name: "minimal discord.js bot", value: baseline },
          target: `ratio ≤ ${TARGET_RATIO}`,
          holds: (ratio) => ratio <= TARGET_RATIO,
          heldBack: HELD_BACK,
        }),
        ratioRow({
          group: "6. Start-up",
          figure: `the same from the TypeScript source with tsx (median of ${RUNS})`,
          value: fromSource,
          unit: "ms",
          baseline: { name: "compiled, as npm start runs it", value: bot },
        }),
      ];
    } finally {
      await server.discord.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
