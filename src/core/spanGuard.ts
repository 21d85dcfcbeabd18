import type { Span } from "./span.js";

/** Answers how many spans that fit on one page a page break would cut. */
export interface SpanGuard {
  /** How many such spans ending a page at `end` and starting the next at `next` cuts. */
  cuts(end: number, next: number): number;
}

/**
 * Guards the spans no longer than `maxLength` in a text of `length` code units; longer ones
 * cannot stay whole, so breaks inside them are left alone. Spans may nest (a link inside
 * bold): a break inside both cuts two, so a cut that cannot be helped can still keep the
 * inner span whole.
 */
export function createSpanGuard(
  spans: readonly Span[],
  maxLength: number,
  length: number,
): SpanGuard {
  /** For each index, how many spans it lies strictly inside; then how many end at or before it. */
  const depth = new Int32Array(length + 2);
  const endsBefore = new Int32Array(length + 2);
  for (const span of spans) {
    if (span.end - span.start > maxLength || span.end - span.start < 2) continue;
    depth[span.start + 1] = (depth[span.start + 1] ?? 0) + 1;
    depth[span.end] = (depth[span.end] ?? 0) - 1;
    endsBefore[span.end] = (endsBefore[span.end] ?? 0) + 1;
  }
  for (let index = 1; index <= length; index++) {
    depth[index] = (depth[index] ?? 0) + (depth[index - 1] ?? 0);
    endsBefore[index] = (endsBefore[index] ?? 0) + (endsBefore[index - 1] ?? 0);
  }
  return {
    // The spans around `end` but those that end in the whitespace up to `next` (a heading's
    // line break); none starts before `end` and ends there, nor holds only whitespace.
    cuts: (end, next) => (depth[end] ?? 0) - ((endsBefore[next] ?? 0) - (endsBefore[end] ?? 0)),
  };
}
