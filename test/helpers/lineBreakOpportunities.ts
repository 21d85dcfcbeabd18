import LineBreaker from "linebreak";

/** The no-break spaces: the characters on either side of one stay on one page. */
export const NO_BREAK_SPACE = /^[\u00a0\u2007\u202f\ufeff]$/;
/** Scripts UAX #14 leaves to a dictionary (class SA), which `linebreak` does not have. */
const DICTIONARY_RUN = /[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]+/gu;
const DICTIONARY_LETTER = /^[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;

/**
 * Where a line may start in `text` under UAX #14, computed over the whole text at once: the
 * `linebreak` package's opportunities (after any spaces), and, since UAX #14 leaves Thai, Lao,
 * Khmer and Myanmar to a dictionary (LB1) and `linebreak` has none, the word boundaries ICU's
 * dictionaries find between two letters of those scripts.
 */
export function lineBreakOpportunities(text: string): Set<number> {
  const opportunities = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    opportunities.add(found.position);
  }
  const words = new Intl.Segmenter("th", { granularity: "word" });
  for (const run of text.matchAll(DICTIONARY_RUN)) {
    for (const { index } of words.segment(run[0])) {
      const at = run.index + index;
      if (DICTIONARY_LETTER.test(text[at - 1] ?? "") && DICTIONARY_LETTER.test(text[at] ?? "")) {
        opportunities.add(at);
      }
    }
  }
  return opportunities;
}
