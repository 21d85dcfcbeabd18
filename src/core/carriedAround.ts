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
 * holding them opens and closes the underline too, so a break inside them is no cut.
 */
export function withCarriedAround(
  spans: readonly GuardedSpan[],
  carried: readonly CarriedSpan[],
  maxLength: number,
): GuardedSpan[] {
  const byStart = <T extends { start: number; end: number }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.start - b.start || b.end - a.end);
  /** The too long spans that may still hold what starts from here on. */
  let active: TooLong[] = [];
  const around = (inner: { readonly start: number; readonly end: number }) => {
    active = active.filter(({ span }) => span.contentEnd > inner.start);
    let total = 0;
    for (const { span, delimiters } of active) {
      if (span.contentStart <= inner.start && inner.end <= span.contentEnd) total += delimiters;
    }
    return total;
  };
  const tooLong: TooLong[] = [];
  for (const span of byStart(carried)) {
    if (span.end - span.start + around(span) > maxLength) {
      const entry = { span, delimiters: span.open.length + span.close.length };
      tooLong.push(entry);
      active.push(entry);
    }
  }
  active = [];
  let added = 0;
  return byStart(spans).map((span) => {
    while ((tooLong[added]?.span.start ?? Number.POSITIVE_INFINITY) <= span.start) {
      const entry = tooLong[added++];
      if (entry) active.push(entry);
    }
    const length = around(span);
    return length === 0 ? span : { ...span, carried: (span.carried ?? 0) + length };
  });
}
