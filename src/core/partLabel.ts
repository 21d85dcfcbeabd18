import type { Part } from "./story.js";

/** How a part is named to readers: "Part 1 · New York", or the note's or blurb's own title. */
export function partLabel(part: Part): string {
  return part.number === undefined ? part.title : `Part ${part.number} · ${part.title}`;
}
