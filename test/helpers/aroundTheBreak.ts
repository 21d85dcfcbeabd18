import { paginate } from "../../src/core/pager.js";
import { filler } from "./filler.js";
import { expectValidPages } from "./pageProblems.js";

/** The page length of the reproductions in the issue. */
export const PAGE = 3000;

/**
 * Puts `token` in filler prose, in a two-page text of constant length, at every offset around
 * the middle, where the pager aims its break, and returns each text with its pages and where
 * the token lies.
 */
export function aroundTheBreak(token: string) {
  const total = 4400;
  const middle = Math.floor(total / 2);
  return Array.from({ length: token.length + 12 }, (_, shift) => {
    const head = filler(middle - shift + 6).trimEnd();
    const tail = filler(total - head.length - token.length - 2, shift);
    const text = `${head} ${token} ${tail}`;
    const start = head.length + 1;
    const pages = paginate(text, { maxLength: PAGE });
    expectValidPages(text, pages, PAGE);
    return { text, pages, start, end: start + token.length };
  });
}
