import { createRequire } from "node:module";
import { GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import { INK } from "./chartColours.js";

/** Twemoji, the emoji art Discord shows, as a colour font shipped in an npm package. */
const EMOJI_FAMILY = "Twemoji";
GlobalFonts.registerFromPath(
  createRequire(import.meta.url).resolve("twemoji-colr-font/twemoji.woff2"),
  EMOJI_FAMILY,
);
const TEXT_FONT = `"DejaVu Sans", ${EMOJI_FAMILY}, sans-serif`;
const EMOJI_FONT = `${EMOJI_FAMILY}, "DejaVu Sans", sans-serif`;

/** How a piece of text on the chart is written: size, colour, alignment, weight and font. */
export interface TextStyle {
  readonly size: number;
  readonly colour?: string;
  readonly align?: SKRSContext2D["textAlign"];
  readonly bold?: boolean;
  /** Drawn in the emoji font first. */
  readonly emoji?: boolean;
}

/** Writes `value` at (`x`, `y`), its baseline there, in `style` (ink and left-aligned unless told). */
export function drawText(
  context: SKRSContext2D,
  value: string,
  x: number,
  y: number,
  style: TextStyle,
): void {
  setFont(context, style.size, style.bold ?? false, style.emoji ?? false);
  context.fillStyle = style.colour ?? INK;
  context.textAlign = style.align ?? "left";
  context.fillText(value, x, y);
}

/** Sets the font text is written and measured in: the text font, or the emoji font first. */
export function setFont(context: SKRSContext2D, size: number, bold: boolean, emoji: boolean): void {
  context.font = `${bold ? "bold " : ""}${size}px ${emoji ? EMOJI_FONT : TEXT_FONT}`;
}

/** `value`, cut with an ellipsis to fit `width` when written in `style`. */
export function ellipsize(
  context: SKRSContext2D,
  value: string,
  width: number,
  style: TextStyle,
): string {
  setFont(context, style.size, style.bold ?? false, style.emoji ?? false);
  if (context.measureText(value).width <= width) return value;
  const characters = [...value];
  while (characters.length > 0 && context.measureText(`${characters.join("")}…`).width > width) {
    characters.pop();
  }
  return `${characters.join("").trimEnd()}…`;
}
