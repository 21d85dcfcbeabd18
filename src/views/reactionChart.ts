import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { PartFigures, ReactionReport } from "../core/reactionReport.js";
import { type Axis, axis, barLength, TICK_SIZE, tick, VALUE_GAP, VALUE_SIZE } from "./chartAxis.js";
import {
  ACCENT_CSS,
  ACCENT_PALE,
  BACKGROUND,
  type Colour,
  FAINT,
  GRID,
  INK,
  MUTED,
  STRIPE,
} from "./chartColours.js";
import { type Series, seriesOf } from "./chartSeries.js";
import { drawText, ellipsize, setFont } from "./chartText.js";
import { wholeNumber } from "./style.js";

const WIDTH = 1000;
/** The most parts drawn, one row each: past this the latest ones are shown, and the image says so. */
const MAX_ROWS = 12;
const ROW = 48;
/** Above the rows: the title, the column heads and the legends. */
const TOP = 184;
/** Below the rows: the axes and the credit. */
const BOTTOM = 84;
const PAD = 32;

/** The columns: where they start and how wide their bars and labels are. */
const LABEL = { x: PAD, width: 226 };
const READERS = { x: 278, bar: 200, end: 580 };
const REACTIONS = { x: 600, bar: 300, end: WIDTH - PAD };

/**
 * The author's reaction report as a PNG chart for Discord's dark theme. One row per part: how
 * many readers started and finished it (and went on from the part before), and how many reacted
 * with each emoji, stacked. The image is 1000 px wide and 184 + 48 px a part + 84 px high (the
 * height of one row when there is no part); it shows at most the latest 12 parts (952 px), and
 * says how many it left out.
 */
export function reactionChart(report: ReactionReport): Buffer {
  const shown = report.parts.slice(-MAX_ROWS);
  const height = TOP + ROW * Math.max(1, shown.length) + BOTTOM;
  const canvas = createCanvas(WIDTH, height);
  const context = canvas.getContext("2d");
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, WIDTH, height);
  drawTitle(context, report, shown.length);
  if (shown.length === 0) {
    drawText(context, "No parts are out yet.", LABEL.x, TOP + ROW / 2, { size: 16, colour: MUTED });
  } else {
    const series = seriesOf(shown);
    drawHeads(context, series);
    const readers = axis(
      context,
      READERS,
      Math.max(...shown.map((part) => part.started)),
      shown.map(readersValue),
    );
    const reactions = axis(
      context,
      REACTIONS,
      Math.max(...shown.map(reactionTotal)),
      shown.map((part) => count(reactionTotal(part))),
    );
    const bottom = TOP + ROW * shown.length;
    drawAxis(context, readers, bottom, "readers");
    drawAxis(context, reactions, bottom, "reactions");
    shown.forEach((part, index) => {
      const top = TOP + ROW * index;
      if (index % 2 === 0) {
        context.fillStyle = STRIPE;
        context.fillRect(PAD / 2, top, WIDTH - PAD, ROW);
      }
      drawGrid(context, readers, top);
      drawGrid(context, reactions, top);
      drawLabel(context, part, top);
      drawReaders(context, part, top, readers);
      drawReactions(context, part, series, top, reactions);
    });
  }
  drawText(context, "Emoji art: Twemoji, CC BY 4.0", WIDTH - PAD, height - 12, {
    size: 11,
    colour: FAINT,
    align: "right",
  });
  return canvas.toBuffer("image/png");
}

function drawTitle(context: SKRSContext2D, report: ReactionReport, shown: number): void {
  const style = { size: 26, bold: true };
  drawText(context, ellipsize(context, report.storyTitle, WIDTH - 2 * PAD, style), PAD, 48, style);
  drawText(context, "How each part landed", PAD, 82, { size: 18, colour: ACCENT_CSS, bold: true });
  const total = report.parts.length;
  if (total === 0) return;
  const note =
    shown < total
      ? `Only the latest ${shown} of ${total} parts fit: the first ${total - shown} are left out`
      : "Counts of distinct readers, the authors left out";
  drawText(context, note, WIDTH - PAD, 82, {
    size: 14,
    colour: shown < total ? INK : MUTED,
    align: "right",
  });
}

function drawHeads(context: SKRSContext2D, series: readonly Series[]): void {
  const headY = 122;
  const firstLine = 148;
  const secondLine = 170;
  drawText(context, "Part", LABEL.x, headY, { size: 16, bold: true });
  drawText(context, "Readers", READERS.x, headY, { size: 16, bold: true });
  drawText(context, "Reactions", REACTIONS.x, headY, { size: 16, bold: true });
  drawText(context, "went on: of those who finished", LABEL.x, firstLine, {
    size: 13,
    colour: MUTED,
  });
  drawText(context, "the part before, started this", LABEL.x, secondLine, {
    size: 13,
    colour: MUTED,
  });
  const started = { fill: ACCENT_PALE, ink: INK };
  const afterStarted = legend(context, READERS.x, firstLine, started, "started", false);
  legend(context, afterStarted + 14, firstLine, { fill: ACCENT_CSS, ink: INK }, "finished", false);
  drawText(context, "finished of started, share", READERS.x, secondLine, {
    size: 13,
    colour: MUTED,
  });
  let x = REACTIONS.x;
  let y = firstLine;
  for (const entry of series) {
    setFont(context, entry.isEmoji ? 18 : 13, false, entry.isEmoji);
    const end = x + LEGEND_GAP + context.measureText(entry.name).width;
    if (end > REACTIONS.end && y === firstLine) {
      x = REACTIONS.x;
      y = secondLine;
    }
    x = legend(context, x, y, entry.colour, entry.name, entry.isEmoji) + 12;
  }
}

/** From a legend entry's square to its name. */
const LEGEND_GAP = 18;

/** A legend entry: a square of colour and what it stands for; returns where it ends. */
function legend(
  context: SKRSContext2D,
  x: number,
  y: number,
  colour: Colour,
  name: string,
  isEmoji: boolean,
): number {
  context.fillStyle = colour.fill;
  context.fillRect(x, y - 11, 13, 13);
  const size = isEmoji ? 18 : 13;
  drawText(context, name, x + LEGEND_GAP, y + (isEmoji ? 2 : 0), { size, emoji: isEmoji });
  return x + LEGEND_GAP + context.measureText(name).width;
}

function drawLabel(context: SKRSContext2D, part: PartFigures, top: number): void {
  const style = { size: 16, bold: true };
  const label = ellipsize(context, part.label, LABEL.width, style);
  const from = part.fromPrevious;
  const wentOn = from !== undefined && from.finished > 0;
  drawText(context, label, LABEL.x, top + (wentOn ? 21 : 30), style);
  if (!wentOn) return;
  const line = `went on: ${count(from.went)} of ${count(from.finished)} (${percent(from.went, from.finished)})`;
  const small = { size: 13, colour: MUTED };
  drawText(context, ellipsize(context, line, LABEL.width, small), LABEL.x, top + 39, small);
}

function drawReaders(context: SKRSContext2D, part: PartFigures, top: number, axis: Axis): void {
  const started = barLength(axis, part.started);
  const finished = barLength(axis, part.finished);
  context.fillStyle = ACCENT_PALE;
  context.fillRect(axis.x, top + 12, started, 24);
  context.fillStyle = ACCENT_CSS;
  context.fillRect(axis.x, top + 16, finished, 16);
  const end = axis.x + Math.max(started, finished) + VALUE_GAP;
  drawText(context, readersValue(part), end, top + 29, { size: VALUE_SIZE });
}

/** "9 of 12 · 75%": finished of started, and the share. */
function readersValue(part: PartFigures): string {
  const share = part.started === 0 ? "" : ` · ${percent(part.finished, part.started)}`;
  return `${count(part.finished)} of ${count(part.started)}${share}`;
}

function drawReactions(
  context: SKRSContext2D,
  part: PartFigures,
  series: readonly Series[],
  top: number,
  axis: Axis,
): void {
  if (part.reactions.length === 0) return;
  let x = axis.x;
  for (const entry of series) {
    const readers = sum(
      part.reactions.filter((item) => entry.emoji.includes(item.emoji)).map((item) => item.readers),
    );
    if (readers === 0) continue;
    const width = barLength(axis, readers);
    context.fillStyle = entry.colour.fill;
    context.fillRect(x, top + 12, width, 24);
    const label = count(readers);
    setFont(context, 13, true, false);
    if (context.measureText(label).width + 6 <= width) {
      drawText(context, label, x + width / 2, top + 29, {
        size: 13,
        colour: entry.colour.ink,
        align: "center",
        bold: true,
      });
    }
    x += width;
    context.fillStyle = BACKGROUND;
    context.fillRect(x - 1, top + 12, 1, 24);
  }
  drawText(context, count(reactionTotal(part)), x + VALUE_GAP, top + 29, { size: VALUE_SIZE });
}

function drawGrid(context: SKRSContext2D, axis: Axis, top: number): void {
  context.fillStyle = GRID;
  for (let value = 0; value <= axis.max; value += axis.step) {
    context.fillRect(Math.round(axis.x + barLength(axis, value)), top + 6, 1, ROW - 12);
  }
}

function drawAxis(context: SKRSContext2D, axis: Axis, bottom: number, caption: string): void {
  context.fillStyle = GRID;
  context.fillRect(axis.x, bottom + 4, axis.width, 1);
  for (let value = 0; value <= axis.max; value += axis.step) {
    const at = Math.round(axis.x + barLength(axis, value));
    context.fillStyle = GRID;
    context.fillRect(at, bottom + 4, 1, 5);
    drawText(context, tick(value), at, bottom + 25, {
      size: TICK_SIZE,
      colour: MUTED,
      align: "center",
    });
  }
  const middle = axis.x + axis.width / 2;
  drawText(context, caption, middle, bottom + 47, { size: 14, colour: MUTED, align: "center" });
}

function reactionTotal(part: PartFigures): number {
  return sum(part.reactions.map((item) => item.readers));
}

function count(value: number): string {
  return wholeNumber.format(value);
}

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
