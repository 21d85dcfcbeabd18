import LineBreaker from "linebreak";

/** Where lines may break in one text under the Unicode Line Breaking Algorithm (UAX #14). */
export interface LineBreakIndex {
  /** The break opportunities from `from` to `to`, both included, in order. */
  opportunitiesIn(from: number, to: number): number[];
}

/** Code units per chunk, and context on either side, so each pass sees a short slice. */
const CHUNK = 1024;
const MARGIN = 64;

/**
 * Finds UAX #14 break opportunities (through the `linebreak` package, as PDFKit does) in
 * chunks, each with a margin of context on either side whose opportunities are dropped: the
 * rules look at most a few characters and one run of spaces around a break. An opportunity
 * is an index a line may start at, after any spaces that end the line before. Chunks wholly
 * before the latest query are dropped, since a pager only moves forward.
 */
export function createLineBreakIndex(text: string): LineBreakIndex {
  const chunks = new Map<number, number[]>();
  let firstKept = 0;

  const chunk = (number: number): number[] => {
    const cached = chunks.get(number);
    if (cached) return cached;
    const core = number * CHUNK;
    const sliceStart = Math.max(0, core - MARGIN);
    const sliceEnd = Math.min(text.length, core + CHUNK + MARGIN);
    const breaker = new LineBreaker(text.slice(sliceStart, sliceEnd));
    const opportunities: number[] = [];
    for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
      const index = sliceStart + found.position;
      if (index >= core + CHUNK || (index === sliceEnd && sliceEnd < text.length)) break;
      if (index >= core && index > 0) opportunities.push(index);
    }
    chunks.set(number, opportunities);
    return opportunities;
  };

  return {
    opportunitiesIn(from, to) {
      const first = Math.floor(Math.max(0, from) / CHUNK);
      for (; firstKept < first; firstKept++) chunks.delete(firstKept);
      const last = Math.floor(Math.min(to, text.length) / CHUNK);
      const found: number[] = [];
      for (let number = first; number <= last; number++) {
        for (const index of chunk(number)) {
          if (index >= from && index <= to) found.push(index);
        }
      }
      return found;
    },
  };
}
