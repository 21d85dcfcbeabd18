import type { SKRSContext2D } from "@napi-rs/canvas";
import { setFont } from "./chartText.js";

/** A column of bars: where it starts, the longest its bars may be, and where its values must end. */
export interface Column {
  readonly x: number;
  readonly bar: number;
  readonly end: number;
}

/** A column's bars: where they start, how long the longest can be, and its round top value. */
export interface Axis {
  readonly x: number;
  readonly width: number;
  readonly max: number;
  readonly step: number;
}

/** The size of the values written after the bars, and the gap before them. */
export const VALUE_SIZE = 14;
export const VALUE_GAP = 8;
/** The size of the axis labels. */
export const TICK_SIZE = 13;
/** The shortest a column's longest bar gets when the values beside it are very wide. */
const MIN_BAR = 80;
const compact = new Intl.NumberFormat("en", { notation: "compact" });

/**
 * A column's axis: bars as long as the column allows once the widest value after them fits, and
 * a scale from 0 to at least `max` (and at least 5) in at most five round steps (1, 2 or 5 × 10ⁿ)
 * whose labels do not touch.
 */
export function axis(
  context: SKRSContext2D,
  column: Column,
  max: number,
  values: readonly string[],
): Axis {
  setFont(context, VALUE_SIZE, false, false);
  const widest = Math.max(...values.map((value) => context.measureText(value).width));
  const width = Math.max(MIN_BAR, Math.min(column.bar, column.end - column.x - VALUE_GAP - widest));
  setFont(context, TICK_SIZE, false, false);
  const least = Math.max(max, 5);
  const scales = roundSteps(least)
    .map((step) => ({ step, top: Math.ceil(least / step) * step }))
    .filter(({ step, top }) => top / step <= 5);
  const fitting = scales.find(
    ({ step, top }) => (step / top) * width >= context.measureText(tick(top)).width + 12,
  );
  const { step, top } = fitting ?? scales.at(-1) ?? { step: least, top: least };
  return { x: column.x, width, max: top, step };
}

/** 1, 2, 5, 10, 20, 50, … up to the first power of ten above `value`. */
function roundSteps(value: number): number[] {
  const steps: number[] = [];
  for (let power = 1; power <= value; power *= 10) steps.push(power, 2 * power, 5 * power);
  steps.push(10 ** Math.ceil(Math.log10(value + 1)));
  return steps;
}

/** How long a bar for `value` is. */
export function barLength(axis: Axis, value: number): number {
  return (value / axis.max) * axis.width;
}

/** An axis label: "800", "1.5K", "20K". */
export function tick(value: number): string {
  return compact.format(value);
}
