import { lowerBound } from "./lowerBound.js";
import type { Span } from "./span.js";

/** Answers whether a page break would cut a span that fits on one page. */
export interface SpanGuard {
  /** Whether ending a page at `end` and starting the next at `next` cuts such a span. */
  splits(end: number, next: number): boolean;
}

/**
 * Guards the spans no longer than `maxLength`; longer ones cannot stay whole, so breaks
 * inside them are left alone. Overlapping spans merge, since a break inside any is a cut.
 */
export function createSpanGuard(spans: readonly Span[], maxLength: number): SpanGuard {
  const sorted = spans
    .filter((span) => span.end - span.start <= maxLength)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const span of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && span.start < (ends[last] ?? 0)) {
      ends[last] = Math.max(ends[last] ?? 0, span.end);
    } else {
      starts.push(span.start);
      ends.push(span.end);
    }
  }
  return {
    splits(end, next) {
      const low = lowerBound(starts, end);
      return low > 0 && (ends[low - 1] ?? 0) > next;
    },
  };
}
