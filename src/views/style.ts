import type { Book } from "../core/Book.js";
import { type Place, storyShare } from "../core/reading.js";

/** The accent colour of the bot's embeds. */
export const ACCENT = 0x8b5cf6;

export const wholeNumber = new Intl.NumberFormat("en");

/** "45%": a share as a whole percentage. */
export const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 0 });

/** "45% of the story": how far the reader is by the end of this page, rounded down. */
export function shareOfStory(book: Book, place: Place): string {
  const share = Math.min(1, storyShare(book, place));
  return SHARES_OF_STORY[Math.floor(share * 100)] ?? `${percent.format(share)} of the story`;
}

/** Each whole percentage's words, formatted once: every page's footer shows one. */
const SHARES_OF_STORY = Array.from(
  { length: 101 },
  (_, whole) => `${percent.format(whole / 100)} of the story`,
);
