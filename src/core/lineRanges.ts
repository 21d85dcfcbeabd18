import type { Span } from "./span.js";

/** The lines of `text` without their terminators (`\n`, `\r\n` or `\r`), in order. */
export function* lineRanges(text: string): Generator<Span> {
  const terminator = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = terminator.exec(text); match; match = terminator.exec(text)) {
    yield { start, end: match.index };
    start = terminator.lastIndex;
  }
  yield { start, end: text.length };
}
