import type { CarriedSpan } from "./CarriedSpan.js";

/** What a page break carries over: the delimiters that close the page and open the next. */
export interface Carried {
  readonly closed: string;
  readonly reopened: string;
  /** The spans `reopened` opens: open on the next page from its start. */
  readonly opened: ReadonlySet<CarriedSpan>;
  /** Where the next page's text starts, moved back to its line's start inside code. */
  readonly next: number;
}

/** A page being ended: where it starts, and the spans opened again at its start. */
export interface OpenPage {
  readonly start: number;
  readonly open: ReadonlySet<CarriedSpan>;
}

/** Answers, for breaks in order through a text, which spans each carries. */
export interface SpanCarry {
  /**
   * The carried delimiters of a page break from `end` to `next` (only whitespace between)
   * that ends `page`: only what is open on it is closed.
   */
  at(text: string, end: number, next: number, page: OpenPage): Carried;
}

/**
 * A quote: its marker opens a page before any other delimiter, since Discord reads a quote
 * only at the start of a line (`> **bold`, not `**> bold`).
 */
function isQuote(span: CarriedSpan): boolean {
  return span.close === "" && span.open.endsWith("> ");
}

/** Creates a `SpanCarry` over the spans; breaks must be asked for in order. */
export function createSpanCarry(spans: readonly CarriedSpan[]): SpanCarry {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let added = 0;
  /** The spans started by the furthest break asked for, less those ended before its page. */
  let active: CarriedSpan[] = [];
  let pageStart = 0;

  const spansThrough = (end: number, next: number, page: OpenPage) => {
    if (page.start !== pageStart) {
      pageStart = page.start;
      active = active.filter((span) => span.end > pageStart);
    }
    while ((sorted[added]?.start ?? Number.POSITIVE_INFINITY) <= next) {
      const span = sorted[added++];
      if (span) active.push(span);
    }
    return active.filter((span) => span.contentStart <= end && next <= span.contentEnd);
  };

  return {
    at(text, end, next, page) {
      const through = spansThrough(end, next, page);
      let start = next;
      if (through.some((span) => span.keepsIndent)) {
        const lineStart = text.lastIndexOf("\n", next - 1) + 1;
        if (lineStart > end) start = lineStart;
      }
      const atLineStart = start === 0 || text[start - 1] === "\n";
      const quotes = through.filter(isQuote);
      // Formatting that holds a `>` quote is not opened again inside it, nor on a page that
      // starts with it: before the `>` it would end the quote, after it the formatting could
      // not leave the quote's line. (A quote's last line break is its own: a page starting
      // after it is past the quote.)
      const lineQuote = active.find(
        (span) => isQuote(span) && span.perLine && span.start <= start && start < span.end,
      );
      const inside = through.filter(
        (span) => !isQuote(span) && (!lineQuote || span.start > lineQuote.start),
      );
      return {
        closed: through
          .filter((span) => span.start >= page.start || page.open.has(span))
          .map((span) => span.close)
          .reverse()
          .join(""),
        reopened: [
          ...quotes.map((span) => (span.perLine && atLineStart ? "" : span.open)),
          ...inside.map((span) => span.open),
        ].join(""),
        opened: new Set([...quotes, ...inside]),
        next: start,
      };
    },
  };
}
