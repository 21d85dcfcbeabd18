import type { Span } from "./span.js";

/** A span to keep whole; a break through it counts `weight` cuts (1 when not given). */
export interface GuardedSpan extends Span {
  readonly weight?: number;
  /** Delimiters a page holding it whole would open and close around it (0 when not given). */
  readonly carried?: number;
}

/** Answers how many spans that fit on one page a page break would cut. */
export interface SpanGuard {
  /** How many such spans ending a page at `end` and starting the next at `next` cuts. */
  cuts(end: number, next: number): number;
}

/**
 * Guards the spans that fit in `maxLength` with the delimiters carried around them, in a text
 * of `length` code units; longer ones cannot stay whole, so breaks inside them are left alone.
 * Spans may nest (a link inside bold): a break inside both cuts two, so a cut that cannot be
 * helped can still keep the inner span whole.
 */
export function createSpanGuard(
  spans: readonly GuardedSpan[],
  maxLength: number,
  length: number,
): SpanGuard {
  /** For each index, the weight of the spans it lies strictly inside, and of those ending by it. */
  const depth = new Int32Array(length + 2);
  const endsBefore = new Int32Array(length + 2);
  for (const span of spans) {
    const spanLength = span.end - span.start;
    if (spanLength + (span.carried ?? 0) > maxLength || spanLength < 2) continue;
    const weight = span.weight ?? 1;
    depth[span.start + 1] = (depth[span.start + 1] ?? 0) + weight;
    depth[span.end] = (depth[span.end] ?? 0) - weight;
    endsBefore[span.end] = (endsBefore[span.end] ?? 0) + weight;
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
