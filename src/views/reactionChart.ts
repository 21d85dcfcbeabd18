import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import type { PartFigures, ReactionReport } from "../core/reactionReport.js";
import { ACCENT, wholeNumber } from "./style.js";

const WIDTH = 1000;
/** The most parts drawn, one row each: past this the latest ones are shown, and the image says so. */
const MAX_ROWS = 12;
const ROW = 48;
/** Above the rows: the title, the column heads and the legends. */
const TOP = 184;
/** Below the rows: the axes and the credit. */
const BOTTOM = 84;
const PAD = 32;

/** Twemoji, the emoji art Discord shows, as a colour font shipped in an npm package. */
const EMOJI_FAMILY = "Twemoji";
GlobalFonts.registerFromPath(
  createRequire(import.meta.url).resolve("twemoji-colr-font/twemoji.woff2"),
  EMOJI_FAMILY,
);
const TEXT_FONT = `"DejaVu Sans", ${EMOJI_FAMILY}, sans-serif`;
const EMOJI_FONT = `${EMOJI_FAMILY}, "DejaVu Sans", sans-serif`;

/** Discord's dark theme. */
const BACKGROUND = "#2b2d31";
const STRIPE = "#313338";
const INK = "#f2f3f5";
const MUTED = "#b5bac1";
const FAINT = "#80848e";
const GRID = "#4e5058";
const ACCENT_CSS = `#${ACCENT.toString(16).padStart(6, "0")}`;
const ACCENT_PALE = "rgba(139, 92, 246, 0.35)";

interface Colour {
  readonly fill: string;
  /** Text drawn on the fill. */
  readonly ink: string;
}

/** Okabe and Ito's colour-blind-safe palette (without black), one colour per emoji. */
const PALETTE: readonly Colour[] = [
  { fill: "#E69F00", ink: "#111111" },
  { fill: "#56B4E9", ink: "#111111" },
  { fill: "#009E73", ink: "#111111" },
  { fill: "#F0E442", ink: "#111111" },
  { fill: "#0072B2", ink: "#ffffff" },
  { fill: "#D55E00", ink: "#111111" },
  { fill: "#CC79A7", ink: "#111111" },
];
const OTHERS_COLOUR: Colour = { fill: "#9ca3af", ink: "#111111" };

/** One colour of the reactions bars: an emoji, or the emoji past the palette together. */
interface Series {
  readonly emoji: readonly string[];
  readonly name: string;
  readonly isEmoji: boolean;
  readonly colour: Colour;
}

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
    text(context, "No parts are out yet.", LABEL.x, TOP + ROW / 2, { size: 16, colour: MUTED });
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
  text(context, "Emoji art: Twemoji, CC BY 4.0", WIDTH - PAD, height - 12, {
    size: 11,
    colour: FAINT,
    align: "right",
  });
  return canvas.toBuffer("image/png");
}

function drawTitle(context: SKRSContext2D, report: ReactionReport, shown: number): void {
  const style = { size: 26, bold: true };
  text(context, ellipsize(context, report.storyTitle, WIDTH - 2 * PAD, style), PAD, 48, style);
  text(context, "How each part landed", PAD, 82, { size: 18, colour: ACCENT_CSS, bold: true });
  const total = report.parts.length;
  if (total === 0) return;
  const note =
    shown < total
      ? `Only the latest ${shown} of ${total} parts fit: the first ${total - shown} are left out`
      : "Counts of distinct readers, the authors left out";
  text(context, note, WIDTH - PAD, 82, {
    size: 14,
    colour: shown < total ? INK : MUTED,
    align: "right",
  });
}

function drawHeads(context: SKRSContext2D, series: readonly Series[]): void {
  const headY = 122;
  const firstLine = 148;
  const secondLine = 170;
  text(context, "Part", LABEL.x, headY, { size: 16, bold: true });
  text(context, "Readers", READERS.x, headY, { size: 16, bold: true });
  text(context, "Reactions", REACTIONS.x, headY, { size: 16, bold: true });
  text(context, "went on: of those who finished", LABEL.x, firstLine, { size: 13, colour: MUTED });
  text(context, "the part before, started this", LABEL.x, secondLine, { size: 13, colour: MUTED });
  const started = { fill: ACCENT_PALE, ink: INK };
  const afterStarted = legend(context, READERS.x, firstLine, started, "started", false);
  legend(context, afterStarted + 14, firstLine, { fill: ACCENT_CSS, ink: INK }, "finished", false);
  text(context, "finished of started, share", READERS.x, secondLine, { size: 13, colour: MUTED });
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
  text(context, name, x + LEGEND_GAP, y + (isEmoji ? 2 : 0), { size, emoji: isEmoji });
  return x + LEGEND_GAP + context.measureText(name).width;
}

function drawLabel(context: SKRSContext2D, part: PartFigures, top: number): void {
  const style = { size: 16, bold: true };
  const label = ellipsize(context, part.label, LABEL.width, style);
  const from = part.fromPrevious;
  const wentOn = from !== undefined && from.finished > 0;
  text(context, label, LABEL.x, top + (wentOn ? 21 : 30), style);
  if (!wentOn) return;
  const line = `went on: ${count(from.went)} of ${count(from.finished)} (${percent(from.went, from.finished)})`;
  const small = { size: 13, colour: MUTED };
  text(context, ellipsize(context, line, LABEL.width, small), LABEL.x, top + 39, small);
}

function drawReaders(context: SKRSContext2D, part: PartFigures, top: number, axis: Axis): void {
  const started = length(axis, part.started);
  const finished = length(axis, part.finished);
  context.fillStyle = ACCENT_PALE;
  context.fillRect(axis.x, top + 12, started, 24);
  context.fillStyle = ACCENT_CSS;
  context.fillRect(axis.x, top + 16, finished, 16);
  const end = axis.x + Math.max(started, finished) + VALUE_GAP;
  text(context, readersValue(part), end, top + 29, { size: VALUE_SIZE });
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
    const width = length(axis, readers);
    context.fillStyle = entry.colour.fill;
    context.fillRect(x, top + 12, width, 24);
    const label = count(readers);
    setFont(context, 13, true, false);
    if (context.measureText(label).width + 6 <= width) {
      text(context, label, x + width / 2, top + 29, {
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
  text(context, count(reactionTotal(part)), x + VALUE_GAP, top + 29, { size: VALUE_SIZE });
}

/** A column's bars: where they start, how long the longest can be, and its round top value. */
interface Axis {
  readonly x: number;
  readonly width: number;
  readonly max: number;
  readonly step: number;
}

/** The values written after the bars, and the gap before them. */
const VALUE_SIZE = 14;
const VALUE_GAP = 8;
const TICK_SIZE = 13;
/** The shortest a column's longest bar gets when the values beside it are very wide. */
const MIN_BAR = 80;
const compact = new Intl.NumberFormat("en", { notation: "compact" });

/**
 * A column's axis: bars as long as the column allows once the widest value after them fits, and
 * a scale from 0 to at least `max` (and at least 5) in at most five round steps (1, 2 or 5 × 10ⁿ)
 * whose labels do not touch.
 */
function axis(
  context: SKRSContext2D,
  column: { readonly x: number; readonly bar: number; readonly end: number },
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
function length(axis: Axis, value: number): number {
  return (value / axis.max) * axis.width;
}

function drawGrid(context: SKRSContext2D, axis: Axis, top: number): void {
  context.fillStyle = GRID;
  for (let value = 0; value <= axis.max; value += axis.step) {
    context.fillRect(Math.round(axis.x + length(axis, value)), top + 6, 1, ROW - 12);
  }
}

function drawAxis(context: SKRSContext2D, axis: Axis, bottom: number, caption: string): void {
  context.fillStyle = GRID;
  context.fillRect(axis.x, bottom + 4, axis.width, 1);
  for (let value = 0; value <= axis.max; value += axis.step) {
    const at = Math.round(axis.x + length(axis, value));
    context.fillStyle = GRID;
    context.fillRect(at, bottom + 4, 1, 5);
    text(context, tick(value), at, bottom + 25, {
      size: TICK_SIZE,
      colour: MUTED,
      align: "center",
    });
  }
  const middle = axis.x + axis.width / 2;
  text(context, caption, middle, bottom + 47, { size: 14, colour: MUTED, align: "center" });
}

/**
 * The emoji as bar colours: those in every shown scene (the story's own) in their order, then the
 * rest by how many readers used them; past the palette, the last ones share one grey "others".
 */
function seriesOf(parts: readonly PartFigures[]): Series[] {
  const totals = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const part of parts) {
    for (const item of part.reactions) {
      totals.set(item.emoji, (totals.get(item.emoji) ?? 0) + item.readers);
      seen.set(item.emoji, (seen.get(item.emoji) ?? 0) + 1);
    }
  }
  const scenes = parts.filter((part) => part.reactions.length > 0).length;
  const everywhere = [...totals.keys()].filter((emoji) => seen.get(emoji) === scenes);
  const rest = [...totals.keys()]
    .filter((emoji) => seen.get(emoji) !== scenes)
    .sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
  const emoji = [...everywhere, ...rest];
  const named = emoji.length > PALETTE.length ? emoji.slice(0, PALETTE.length - 1) : emoji;
  const series = named.map((key, index) => ({
    emoji: [key],
    ...emojiName(key),
    colour: PALETTE[index] ?? OTHERS_COLOUR,
  }));
  const others = emoji.slice(named.length);
  return others.length === 0
    ? series
    : [...series, { emoji: others, name: "others", isEmoji: false, colour: OTHERS_COLOUR }];
}

/** How an emoji key is drawn: the character itself, or `:name:` for a server's custom emoji. */
function emojiName(key: string): { name: string; isEmoji: boolean } {
  const custom = /^(.+):\d+$/.exec(key)?.[1];
  if (custom === undefined) return { name: key, isEmoji: true };
  return { name: `:${custom.length > 10 ? `${custom.slice(0, 9)}…` : custom}:`, isEmoji: false };
}

interface TextStyle {
  readonly size: number;
  readonly colour?: string;
  readonly align?: SKRSContext2D["textAlign"];
  readonly bold?: boolean;
  /** Drawn in the emoji font first. */
  readonly emoji?: boolean;
}

function text(context: SKRSContext2D, value: string, x: number, y: number, style: TextStyle) {
  setFont(context, style.size, style.bold ?? false, style.emoji ?? false);
  context.fillStyle = style.colour ?? INK;
  context.textAlign = style.align ?? "left";
  context.fillText(value, x, y);
}

function setFont(context: SKRSContext2D, size: number, bold: boolean, emoji: boolean): void {
  context.font = `${bold ? "bold " : ""}${size}px ${emoji ? EMOJI_FONT : TEXT_FONT}`;
}

/** `value`, cut with an ellipsis to fit `width` when written in `style`. */
function ellipsize(context: SKRSContext2D, value: string, width: number, style: TextStyle): string {
  setFont(context, style.size, style.bold ?? false, style.emoji ?? false);
  if (context.measureText(value).width <= width) return value;
  const characters = [...value];
  while (characters.length > 0 && context.measureText(`${characters.join("")}…`).width > width) {
    characters.pop();
  }
  return `${characters.join("").trimEnd()}…`;
}

function reactionTotal(part: PartFigures): number {
  return sum(part.reactions.map((item) => item.readers));
}

/** An axis label: "800", "1.5K", "20K". */
function tick(value: number): string {
  return compact.format(value);
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
