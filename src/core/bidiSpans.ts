import type { CarriedSpan } from "./CarriedSpan.js";

/** Embeddings and overrides (LRE, RLE, LRO, RLO) end at PDF; isolates (LRI, RLI, FSI) at PDI. */
const PDF = "\u202c";
const PDI = "\u2069";
const EMBEDDINGS = new Set(["\u202a", "\u202b", "\u202d", "\u202e"]);
const ISOLATES = new Set(["\u2066", "\u2067", "\u2068"]);
const CONTROLS = /[\u202a-\u202e\u2066-\u2069\n\r\u2029]/g;

/**
 * The directional embeddings, overrides and isolates of `text` with the control that ends
 * each, paired as the Unicode Bidirectional Algorithm (UAX #9) pairs them: a PDI closes the
 * latest open isolate and everything opened inside it, a PDF the latest embedding opened since
 * that isolate, and a paragraph end closes everything. Unpaired controls are left out.
 */
export function bidiSpans(text: string): CarriedSpan[] {
  const spans: CarriedSpan[] = [];
  const open: { index: number; control: string }[] = [];
  /** Where in `open` each open isolate is, so a PDI finds its own at once. */
  const isolates: number[] = [];
  for (const match of text.matchAll(CONTROLS)) {
    const control = match[0];
    const index = match.index;
    if (EMBEDDINGS.has(control) || ISOLATES.has(control)) {
      if (ISOLATES.has(control)) isolates.push(open.length);
      open.push({ index, control });
    } else if (control === PDF) {
      const top = open.at(-1);
      if (top && EMBEDDINGS.has(top.control)) {
        open.pop();
        spans.push(span(top.index, index, top.control, PDF));
      }
    } else if (control === PDI) {
      const isolate = isolates.pop();
      const opener = isolate === undefined ? undefined : open[isolate];
      if (isolate !== undefined && opener) {
        open.length = isolate;
        spans.push(span(opener.index, index, opener.control, PDI));
      }
    } else {
      open.length = 0;
      isolates.length = 0;
    }
  }
  return spans;
}

function span(start: number, closer: number, open: string, close: string): CarriedSpan {
  return {
    start,
    end: closer + 1,
    contentStart: start + 1,
    contentEnd: closer,
    open,
    close,
    perLine: false,
    keepsIndent: false,
  };
}
