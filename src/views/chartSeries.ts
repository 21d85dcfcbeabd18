import type { PartFigures } from "../core/reactionReport.js";
import { type Colour, OTHERS_COLOUR, PALETTE } from "./chartColours.js";

/** One colour of the reactions bars: an emoji, or the emoji past the palette together. */
export interface Series {
  readonly emoji: readonly string[];
  readonly name: string;
  readonly isEmoji: boolean;
  readonly colour: Colour;
}

/**
 * The emoji as bar colours: those in every shown scene (the story's own) in their order, then the
 * rest by how many readers used them; past the palette, the last ones share one grey "others".
 */
export function seriesOf(parts: readonly PartFigures[]): Series[] {
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
