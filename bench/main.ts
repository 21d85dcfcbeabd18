import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import type { Benchmark, BenchRow } from "./BenchRow.js";
import { dropFanout } from "./dropFanout.js";
import { formatTable } from "./formatTable.js";
import { interactions } from "./interactions.js";
import { memory } from "./memory.js";
import { startup } from "./startup.js";
import { store } from "./store.js";
import { story } from "./story.js";

/**
 * `npm run bench [name…]`: runs the benchmarks (all by default, or those named), prints the table
 * and, for a full run, writes bench/results.json. Each figure is measured against a baseline in
 * the same run, because the machine is shared and its speed varies.
 */
const benchmarks: readonly Benchmark[] = [interactions, dropFanout, memory, store, story, startup];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benchmarks.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark: ${unknown.join(", ")}. Choose from: ${benchmarks.map((bench) => bench.name).join(", ")}.`,
  );
  process.exit(2);
}
const chosen = wanted.length === 0 ? benchmarks : benchmarks.filter((b) => wanted.includes(b.name));
const started = Date.now();
const rows: BenchRow[] = [];
for (const bench of chosen) {
  const benchStarted = Date.now();
  const progress = (step: string) =>
    console.error(
      `[${bench.name} ${Math.round((Date.now() - benchStarted) / 1000)} s, ${Math.round((Date.now() - started) / 1000)} s in all] ${step}`,
    );
  progress("starting");
  try {
    rows.push(...(await bench.run(progress)));
  } catch (error) {
    rows.push({
      group: bench.name,
      figure: "run",
      value: Number.NaN,
      unit: "",
      target: "completes",
      holds: false,
      note: error instanceof Error ? error.message : String(error),
    });
  }
  console.error(`${bench.name} took ${Math.round((Date.now() - benchStarted) / 1000)} s`);
}
console.log(formatTable(rows));
const seconds = Math.round((Date.now() - started) / 1000);
console.log(
  `\n${rows.filter((row) => row.holds === true).length} of ${rows.filter((row) => row.holds !== undefined).length} targets hold (${seconds} s).`,
);
if (chosen === benchmarks) {
  const [cpu] = cpus();
  const results = {
    date: new Date().toISOString(),
    seconds,
    machine: {
      cpu: cpu?.model,
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    rows,
  };
  writeFileSync(new URL("results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log("Wrote bench/results.json.");
}
