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
  const change = new Int32Array(length + 2);
  for (const span of spans) {
    if (span.end - span.start > maxLength || span.end - span.start < 2) continue;
    change[span.start + 1] = (change[span.start + 1] ?? 0) + 1;
    change[span.end] = (change[span.end] ?? 0) - 1;
  }
  /** For each index, how many spans it lies strictly inside. */
  const depth = new Int32Array(length + 1);
  let open = 0;
  for (let index = 0; index <= length; index++) {
    open += change[index] ?? 0;
    depth[index] = open;
  }
  return {
    // A span is cut when it holds both sides of the gap: spans start and end at their
    // delimiters, not in the whitespace between `end` and `next`.
    cuts: (end, next) => Math.min(depth[end] ?? 0, depth[next] ?? 0),
  };
}
