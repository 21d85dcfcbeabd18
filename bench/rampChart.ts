import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { ACCENT_CSS, BACKGROUND, FAINT, GRID, INK, MUTED } from "../src/views/chartColours.js";
import { drawText } from "../src/views/chartText.js";
import type { LoadResult } from "./InteractionLoad.js";

/** One target of the ramp: its name and every step it ran (second tries included). */
export interface RampSeries {
  readonly name: string;
  readonly steps: readonly LoadResult[];
}

const WIDTH = 1000;
const HEIGHT = 560;
const PLOT = { left: 84, right: WIDTH - 32, top: 96, bottom: HEIGHT - 72 };
/** Where the rate axis is labelled: evenly spread on its log scale, round numbers. */
const RATE_TICKS = [100, 150, 200, 300, 400, 500, 700, 1000, 1500, 2000, 3000, 4000];
/** The baseline's colour, then the bot's (the bot's is the project's accent). */
const COLOURS = ["#9ca3af", ACCENT_CSS];

/**
 * The interactions ramp as a PNG: the p99 answer time (linear) against the rate (logarithmic)
 * for each target, a line through its steps by rate and a cross on each step that failed
 * (answers missing, or p99 over the limit), with the p99 limit drawn across; so a person sees
 * at which rate each target bends. Drawn by hand on the canvas the authors' chart uses: no
 * charting library on npm draws to a PNG in Node without a browser or a native build.
 */
export function rampChart(
  series: readonly RampSeries[],
  { p99LimitMs }: { p99LimitMs: number },
): Buffer {
  const canvas = createCanvas(WIDTH, HEIGHT);
  const context = canvas.getContext("2d");
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, WIDTH, HEIGHT);
  drawText(context, "Interactions ramp: p99 answer time by rate", PLOT.left, 40, {
    size: 22,
    bold: true,
  });
  const steps = series.flatMap((each) => each.steps);
  const rates = steps.map((step) => step.rate);
  const minRate = Math.min(...rates) * 0.9;
  const maxRate = Math.max(...rates, minRate * 2) * 1.05;
  const maxMs = Math.max(
    p99LimitMs * 1.5,
    ...steps.map((step) => Math.min(step.p99Ms, p99LimitMs * 4)),
  );
  const x = (rate: number) =>
    PLOT.left +
    ((Math.log(rate) - Math.log(minRate)) / (Math.log(maxRate) - Math.log(minRate))) *
      (PLOT.right - PLOT.left);
  const y = (ms: number) => PLOT.bottom - (Math.min(ms, maxMs) / maxMs) * (PLOT.bottom - PLOT.top);
  drawAxes(context, { minRate, maxRate, maxMs, x, y });
  context.setLineDash([8, 6]);
  line(context, FAINT, [
    [PLOT.left, y(p99LimitMs)],
    [PLOT.right, y(p99LimitMs)],
  ]);
  context.setLineDash([]);
  drawText(context, `p99 limit ${p99LimitMs} ms`, PLOT.right, y(p99LimitMs) - 8, {
    size: 14,
    colour: MUTED,
    align: "right",
  });
  drawText(context, "✕ a failed step", PLOT.right, 72, { size: 15, colour: MUTED, align: "right" });
  series.forEach((each, index) => {
    const colour = COLOURS[index % COLOURS.length] ?? INK;
    line(
      context,
      colour,
      [...each.steps].sort((a, b) => a.rate - b.rate).map((step) => [x(step.rate), y(step.p99Ms)]),
    );
    for (const step of each.steps) {
      const held = step.failed === 0 && step.p99Ms < p99LimitMs;
      mark(context, colour, x(step.rate), y(step.p99Ms), !held);
    }
    drawText(context, `● ${each.name}`, PLOT.left + 8 + index * 360, 72, { size: 15, colour });
  });
  return canvas.toBuffer("image/png");
}

interface Scales {
  readonly minRate: number;
  readonly maxRate: number;
  readonly maxMs: number;
  readonly x: (rate: number) => number;
  readonly y: (ms: number) => number;
}

function drawAxes(context: SKRSContext2D, { minRate, maxRate, maxMs, x, y }: Scales): void {
  for (let ms = 0; ms <= maxMs; ms += maxMs > 100 ? 50 : 10) {
    line(context, GRID, [
      [PLOT.left, y(ms)],
      [PLOT.right, y(ms)],
    ]);
    drawText(context, `${ms} ms`, PLOT.left - 10, y(ms) + 5, {
      size: 13,
      colour: MUTED,
      align: "right",
    });
  }
  for (const rate of RATE_TICKS.filter((each) => each >= minRate && each <= maxRate)) {
    line(context, GRID, [
      [x(rate), PLOT.top],
      [x(rate), PLOT.bottom],
    ]);
    drawText(context, `${rate}/s`, x(rate), PLOT.bottom + 22, {
      size: 13,
      colour: MUTED,
      align: "center",
    });
  }
  drawText(
    context,
    "interactions a second (log scale)",
    (PLOT.left + PLOT.right) / 2,
    HEIGHT - 20,
    {
      size: 14,
      colour: MUTED,
      align: "center",
    },
  );
}

function line(
  context: SKRSContext2D,
  colour: string,
  points: readonly (readonly [number, number])[],
): void {
  context.strokeStyle = colour;
  context.lineWidth = 2;
  context.beginPath();
  for (const [index, [px, py]] of points.entries()) {
    if (index === 0) context.moveTo(px, py);
    else context.lineTo(px, py);
  }
  context.stroke();
}

function mark(
  context: SKRSContext2D,
  colour: string,
  px: number,
  py: number,
  cross: boolean,
): void {
  context.strokeStyle = colour;
  context.fillStyle = colour;
  if (cross) {
    line(context, colour, [
      [px - 6, py - 6],
      [px + 6, py + 6],
    ]);
    line(context, colour, [
      [px - 6, py + 6],
      [px + 6, py - 6],
    ]);
    return;
  }
  context.beginPath();
  context.arc(px, py, 4, 0, Math.PI * 2);
  context.fill();
}
