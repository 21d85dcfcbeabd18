import type { CarriedSpan } from "./CarriedSpan.js";
import type { GuardedSpan } from "./spanGuard.js";

/** A carried span that cannot fit on a page, with the length of its delimiters. */
interface TooLong {
  readonly span: CarriedSpan;
  readonly delimiters: number;
}

/**
 * The spans, each with the delimiters a page holding it whole would have to open and close
 * around it (`carried`): those of every carried span it lies in that cannot fit on a page
 * itself. Italics as long as a page inside a longer underline cannot stay whole, since the page
 * holding them opens and closes the underline too, so a break inside them is no cut. Inside a
 * `>` quote only the quote's `> ` is opened again, and only in the middle of a line: nothing in
 * it is carried, and what holds it is not opened in front of it (as `createSpanCarry` does).
 */
export function withCarriedAround(
  text: string,
  spans: readonly GuardedSpan[],
  carried: readonly CarriedSpan[],
  maxLength: number,
): GuardedSpan[] {
  const byStart = <T extends { start: number; end: number }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.start - b.start || b.end - a.end);
  /** The too long spans and `>` quotes that may still hold what starts from here on. */
  let active: TooLong[] = [];
  const around = (inner: { readonly start: number; readonly end: number }) => {
    active = active.filter(({ span }) => span.contentEnd > inner.start);
    const holds = active.filter(
      ({ span }) => span.contentStart <= inner.start && inner.end <= span.contentEnd,
    );
    const quote = holds.findLast(({ span }) => span.perLine)?.span;
    const midLine = quote !== undefined && text[inner.start - 1] !== "\n";
    let total = midLine ? quote.open.length : 0;
    for (const { span, delimiters } of holds) {
      if (!span.perLine && (!quote || span.start > quote.start)) total += delimiters;
    }
    return total;
  };
  const holding: TooLong[] = [];
  for (const span of byStart(carried)) {
    if (span.perLine || span.end - span.start + around(span) > maxLength) {
      const entry = { span, delimiters: span.open.length + span.close.length };
      holding.push(entry);
      active.push(entry);
    }
  }
  active = [];
  let added = 0;
  return byStart(spans).map((span) => {
    while ((holding[added]?.span.start ?? Number.POSITIVE_INFINITY) <= span.start) {
      const entry = holding[added++];
      if (entry) active.push(entry);
    }
    const length = around(span);
    return length === 0 ? span : { ...span, carried: (span.carried ?? 0) + length };
  });
}
