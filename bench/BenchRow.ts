/**
 * One line of the benchmark table: a figure measured against a baseline measured in the same run,
 * their ratio, and the target it is held to. Figures carry their unit in `unit`.
 */
export interface BenchRow {
  /** Which of the six benchmarks, e.g. "1. Interactions". */
  readonly group: string;
  /** What was measured, e.g. "p99 at 200/s". */
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure is compared with, and its value in the same unit; absent for absolute targets. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** value / baseline, when there is a baseline. */
  readonly ratio?: number;
  /** The target in words, e.g. "ratio ≥ 0.8" or "< 50 ms"; absent for figures shown for context. */
  readonly target?: string;
  /** Whether the target is met; absent when the row has no target. */
  readonly holds?: boolean;
  /** Why a target is missed, or what the figure depends on. */
  readonly note?: string;
}

/**
 * A row compared with a baseline: the ratio is computed here, and `holds` from it if given. A
 * missed target's note ends with `heldBack`: what a profile showed stops it.
 */
export function ratioRow({
  heldBack,
  ...row
}: Omit<BenchRow, "ratio" | "holds" | "baseline"> & {
  readonly baseline: { readonly name: string; readonly value: number };
  readonly holds?: (ratio: number, value: number) => boolean;
  readonly heldBack?: string;
}): BenchRow {
  const ratio =
    row.baseline.value === 0 ? Number.POSITIVE_INFINITY : row.value / row.baseline.value;
  const holds = row.holds?.(ratio, row.value);
  const missed = holds === false && heldBack !== undefined;
  const note = missed
    ? [row.note, heldBack].filter((part) => part !== undefined).join("; ")
    : row.note;
  return { ...row, ratio, holds, ...(note === undefined ? {} : { note }) };
}

/** Says what a benchmark is doing now; the runner prints it with the benchmark's name and time. */
export type Progress = (step: string) => void;

/** A benchmark of the suite: its rows, measured, saying each step as it goes. */
export interface Benchmark {
  readonly name: string;
  run(progress: Progress): Promise<BenchRow[]>;
}
