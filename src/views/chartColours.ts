import { ACCENT } from "./style.js";

/** Discord's dark theme. */
export const BACKGROUND = "#2b2d31";
export const STRIPE = "#313338";
export const INK = "#f2f3f5";
export const MUTED = "#b5bac1";
export const FAINT = "#80848e";
export const GRID = "#4e5058";
export const ACCENT_CSS = `#${ACCENT.toString(16).padStart(6, "0")}`;
export const ACCENT_PALE = "rgba(139, 92, 246, 0.35)";

/** A colour to fill with, and the colour of text drawn on it. */
export interface Colour {
  readonly fill: string;
  /** Text drawn on the fill. */
  readonly ink: string;
}

/** Okabe and Ito's colour-blind-safe palette (without black), one colour per emoji. */
export const PALETTE: readonly Colour[] = [
  { fill: "#E69F00", ink: "#111111" },
  { fill: "#56B4E9", ink: "#111111" },
  { fill: "#009E73", ink: "#111111" },
  { fill: "#F0E442", ink: "#111111" },
  { fill: "#0072B2", ink: "#ffffff" },
  { fill: "#D55E00", ink: "#111111" },
  { fill: "#CC79A7", ink: "#111111" },
];

/** The colour of the emoji past the palette, together. */
export const OTHERS_COLOUR: Colour = { fill: "#9ca3af", ink: "#111111" };
