import { startsBlockMarker } from "./startsBlockMarker.js";

const HEADING_MARKER = /^(?:#{1,3}|-#) /;

/**
 * Whether a page starting at `index`, outside code, would start with a block the text does not
 * have there: a quote or a list marker inside a line (`wait│ - what`, `we│ > they`), or a heading or subtext
 * marker where Discord's parser reads no heading (`headingStarts` are where it does): the page
 * would show a quote, a heading or a list the author did not write.
 */
export function startsUnwrittenBlock(
  text: string,
  index: number,
  headingStarts: ReadonlySet<number>,
): boolean {
  if (index === 0 || !startsBlockMarker(text, index)) return false;
  if (HEADING_MARKER.test(text.slice(index, index + 4))) return !headingStarts.has(index);
  // A quote or a list item may stand after spaces at the start of a line (a nested item).
  let lineStart = index;
  while (lineStart > 0 && text[lineStart - 1] === " ") lineStart--;
  return !(lineStart === 0 || text[lineStart - 1] === "\n");
}
