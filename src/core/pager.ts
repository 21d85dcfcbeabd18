import { createBreakFinder } from "./breakFinder.js";
import { isWhitespace } from "./isWhitespace.js";

/** One page of a text: `text === source.slice(start, end)`. */
export interface Page {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface PagerOptions {
  /** Longest page in UTF-16 code units (`string.length`), e.g. 4096 for an embed description. */
  readonly maxLength: number;
}

/**
 * Splits `text` into pages of at most `maxLength` UTF-16 code units.
 *
 * Pages are trimmed slices in order: only whitespace lies before, between and after them,
 * and whitespace-only text has no pages. Breaks go, by preference, at scene breaks and
 * blank lines, then line breaks, sentence ends, word boundaries and, for a "word" longer
 * than a page, grapheme boundaries; never inside a grapheme or a Markdown span that fits on
 * a page. Pages are balanced: text needing `n` pages is cut near every `1/n` of it, so no
 * page is left with a stray line. Deterministic, and close to linear in the text's length.
 *
 * @throws RangeError when `maxLength` is not an integer of at least 2 (a page must be able
 * to hold any code point).
 */
export function paginate(text: string, options: PagerOptions): Page[] {
  const { maxLength } = options;
  if (!Number.isInteger(maxLength) || maxLength < 2) {
    throw new RangeError(`maxLength must be an integer of at least 2, not ${maxLength}`);
  }
  let start = 0;
  while (start < text.length && isWhitespace(text.charCodeAt(start))) start++;
  let contentEnd = text.length;
  while (contentEnd > start && isWhitespace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (start === contentEnd) return [];

  const pages: Page[] = [];
  const findBreak =
    contentEnd - start > maxLength ? createBreakFinder(text, maxLength, contentEnd) : undefined;
  while (findBreak && contentEnd - start > maxLength) {
    const { end, next } = findBreak(start);
    pages.push({ start, end, text: text.slice(start, end) });
    start = next;
  }
  pages.push({ start, end: contentEnd, text: text.slice(start, contentEnd) });
  return pages;
}
