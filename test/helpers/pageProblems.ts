import { expect } from "vitest";
import type { Page } from "../../src/core/pager.js";

/** A stretch of the text that must stay on one page when it fits, e.g. a Markdown span. */
export interface Unbreakable {
  readonly start: number;
  readonly end: number;
}

export interface InvariantOptions {
  /** Check page boundaries against Intl.Segmenter's graphemes of the whole text (slow). */
  readonly graphemes?: boolean;
  readonly unbreakable?: readonly Unbreakable[];
}

/** Whitespace a page may break at: every kind but the no-break spaces. */
const BREAKABLE_ONLY = /^[^\S\u00a0\u2007\u202f\ufeff]*$/;
export const BREAKABLE = /[^\S\u00a0\u2007\u202f\ufeff]/;

/** The grapheme boundaries of `text`, including 0 and `text.length`. */
export function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set([text.length]);
  for (const { index } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) {
    boundaries.add(index);
  }
  return boundaries;
}

const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });
/** The first grapheme of `text` (of its first 64 code units). */
const firstGrapheme = (text: string) =>
  GRAPHEMES.segment(text.slice(0, 64)).containing(0)?.segment ?? "";
/** The last grapheme of `text` (of its last 64 code units). */
const lastGrapheme = (text: string) =>
  [...GRAPHEMES.segment(text.slice(-64))].at(-1)?.segment ?? "";
/** Whether a grapheme is breakable whitespace alone (not a space a mark joins, " \u0301"). */
const isSpaceGrapheme = (grapheme: string) => grapheme === "" || BREAKABLE_ONLY.test(grapheme);

/**
 * Every way `pages` break the pager's contract for `text`: each page shows its slice between
 * the delimiters it carries (`reopened + slice + closed`), at most `maxLength` code units,
 * trimmed of whitespace graphemes; the slices are non-empty and in order, with only breakable whitespace around and
 * between them; optionally no page boundary may fall inside a grapheme that fits on a page,
 * and each unbreakable stretch that fits on a page must lie on one page.
 */
export function pageProblems(
  text: string,
  pages: readonly Page[],
  maxLength: number,
  options: InvariantOptions = {},
): string[] {
  const problems: string[] = [];
  if (BREAKABLE_ONLY.test(text) && pages.length > 0) problems.push("pages of whitespace");
  let previousEnd = 0;
  for (const [number, page] of pages.entries()) {
    const name = `page ${number} [${page.start}, ${page.end})`;
    const slice = text.slice(page.start, page.end);
    if (page.text !== `${page.reopened}${slice}${page.closed}`) {
      problems.push(`${name} is not its slice between its carried delimiters`);
    }
    if (slice.length === 0) problems.push(`${name} is empty`);
    if (page.text.length > maxLength) problems.push(`${name} is ${page.text.length} long`);
    if (isSpaceGrapheme(firstGrapheme(page.text))) problems.push(`${name} starts with whitespace`);
    if (isSpaceGrapheme(lastGrapheme(page.text))) problems.push(`${name} ends with whitespace`);
    if (page.reopened === "" && isSpaceGrapheme(firstGrapheme(slice))) {
      problems.push(`${name} starts with whitespace`);
    }
    if (page.start < previousEnd) problems.push(`${name} overlaps the page before`);
    if (!BREAKABLE_ONLY.test(text.slice(previousEnd, page.start))) {
      problems.push(`${name} leaves out text before it`);
    }
    previousEnd = page.end;
  }
  if (!BREAKABLE_ONLY.test(text.slice(previousEnd))) problems.push("text left out at the end");

  if (options.graphemes) {
    const boundaries = graphemeBoundaries(text);
    /** The length of the grapheme `index` falls inside. */
    const graphemeAround = (index: number) => {
      let from = index;
      while (!boundaries.has(from)) from--;
      let to = index;
      while (!boundaries.has(to)) to++;
      return to - from;
    };
    for (const [number, page] of pages.entries()) {
      const next = pages[number + 1];
      // Only a grapheme longer than a page (less the delimiters carried) may be cut.
      const room =
        maxLength -
        page.reopened.length -
        page.closed.length -
        (next ? next.reopened.length + next.closed.length : 0);
      if (!boundaries.has(page.end) && graphemeAround(page.end) <= room) {
        problems.push(`page ${number} ends inside a grapheme at ${page.end}`);
      }
      if (next && !boundaries.has(next.start) && graphemeAround(next.start) <= room) {
        problems.push(`page ${number + 1} starts inside a grapheme at ${next.start}`);
      }
    }
    const first = pages[0];
    if (first && !boundaries.has(first.start)) {
      problems.push(`page 0 starts inside a grapheme at ${first.start}`);
    }
  }
  for (const span of options.unbreakable ?? []) {
    if (span.end - span.start > maxLength) continue;
    if (!pages.some((page) => page.start <= span.start && span.end <= page.end)) {
      problems.push(`${JSON.stringify(text.slice(span.start, span.end))} is split`);
    }
  }
  return problems;
}

/** Asserts that `pages` keep the pager's contract for `text` (see `pageProblems`). */
export function expectValidPages(
  text: string,
  pages: readonly Page[],
  maxLength: number,
  options: InvariantOptions = {},
): void {
  expect(pageProblems(text, pages, maxLength, options)).toEqual([]);
}

export function isBreakable(character: string | undefined): boolean {
  return character !== undefined && BREAKABLE.test(character);
}
