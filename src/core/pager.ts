import { bidiSpans } from "./bidiSpans.js";
import { createBreakFinder } from "./breakFinder.js";
import type { CarriedSpan } from "./CarriedSpan.js";
import { createGraphemeBoundaries } from "./graphemeBoundaries.js";
import { isBreakableSpace } from "./isBreakableSpace.js";
import { LONE_DELIMITER_WEIGHT } from "./loneDelimiterWeight.js";
import { markdownStructure } from "./markdownStructure.js";
import { sceneBreakLines } from "./sceneBreaks.js";
import { type Carried, createSpanCarry } from "./spanCarry.js";
import type { GuardedSpan } from "./spanGuard.js";
import { startsBlockMarker } from "./startsBlockMarker.js";
import { withCarriedAround } from "./withCarriedAround.js";

/**
 * One page of a text: the slice `source.slice(start, end)`, shown as
 * `text === reopened + source.slice(start, end) + closed`.
 */
export interface Page {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Formatting carried over from the page before, opened again: "**", "```js\n", ">>> ". */
  readonly reopened: string;
  /** Formatting that goes on to the next page, closed here: "**", "\n```". */
  readonly closed: string;
}

export interface PagerOptions {
  /** Longest page in UTF-16 code units (`string.length`), e.g. 4096 for an embed description. */
  readonly maxLength: number;
}

/** The characters Markdown's delimiters are runs of. */
const DELIMITER_CHARACTERS = new Set(["*", "_", "~", "|", "`"]);
/**
 * The closing delimiters Discord misreads when they run into the same character (`~~a x~~~`
 * ends the strike before the last `~`). Its `*` and `_` rules look past a closing run
 * (`**a *x***` is bold around italic), so those may touch; an opening one may not
 * (`*` opened again before `***x** y*` makes a run of four).
 */
const MERGING_CHARACTERS = new Set(["~", "|", "`"]);

/** A page, and what the next one starts with. */
interface Next {
  readonly page: Page;
  readonly reopened: string;
  readonly open: ReadonlySet<CarriedSpan>;
  readonly start: number;
}

/** Breaks refused for how their delimiters would read before the first such one is taken. */
const MOST_REFUSED = 16;

/** Carried delimiters may take at most this share of a page; on smaller pages spans are cut. */
const MOST_CARRIED_SHARE = 0.25;

/**
 * Splits `text` into pages of at most `maxLength` UTF-16 code units, as Discord renders them.
 *
 * Pages are slices in order with only breakable whitespace before, between and after them,
 * and whitespace-only text has no pages. A page ends, by preference, at a scene break or a
 * blank line, then a line break, a sentence end, a space, a break between two characters that
 * Unicode's line breaking (UAX #14) allows (CJK, `and/or`); never inside a grapheme, a
 * no-break space, or what Discord renders as one thing (a link, a mention, a custom emoji, a
 * timestamp, a Markdown span, a directional embedding) when it fits on a page. Only a token
 * longer than a page is cut inside. A span longer than a page is closed at the end of each
 * page and opened again on the next (`reopened` and `closed`), a code block with its language
 * and its lines' indentation. Pages are balanced: text needing `n` pages is cut near every
 * `1/n` of it, so no page is left with a stray line. Deterministic, and close to linear.
 *
 * @throws RangeError when `maxLength` is not an integer of at least 2 (a page must be able
 * to hold any code point).
 */
export function paginate(text: string, options: PagerOptions): Page[] {
  const { maxLength } = options;
  if (!Number.isInteger(maxLength) || maxLength < 2) {
    throw new RangeError(`maxLength must be an integer of at least 2, not ${maxLength}`);
  }
  const graphemes = createGraphemeBoundaries(text);
  let start = 0;
  while (start < text.length && isBreakableSpace(text.charCodeAt(start))) start++;
  let contentEnd = text.length;
  while (contentEnd > start && isBreakableSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (start === contentEnd) return [];
  // A space a mark joins (" \u0301") or that joins a prepended sign ("\u0600 ") is no space.
  while (!graphemes.isBoundary(start)) start--;
  while (!graphemes.isBoundary(contentEnd)) contentEnd++;
  if (contentEnd - start <= maxLength) {
    return [
      { start, end: contentEnd, text: text.slice(start, contentEnd), reopened: "", closed: "" },
    ];
  }

  const sceneBreaks = sceneBreakLines(text);
  const markdown = markdownStructure(text, sceneBreaks);
  const bidi = bidiSpans(text);
  const carriedSpans = [...markdown.carried, ...bidi];
  const findBreak = createBreakFinder(text, maxLength, contentEnd, graphemes, {
    spans: withCarriedAround(
      text,
      [
        ...markdown.whole,
        ...bidi,
        ...[...markdown.delimited, ...bidi].flatMap((span) => delimitersWithContent(text, span)),
      ],
      carriedSpans,
      maxLength,
    ),
    sceneBreaks,
    headingStarts: markdown.headingStarts,
    code: markdown.code,
  });
  const carry = createSpanCarry(carriedSpans);
  const mostCarried = Math.floor(maxLength * MOST_CARRIED_SHARE);
  const pages: Page[] = [];
  let reopened = "";
  let open: ReadonlySet<CarriedSpan> = new Set();
  for (;;) {
    const room = maxLength - reopened.length;
    if (contentEnd - start <= room) break;
    let page: Page | undefined;
    let unrenderable: Next | undefined;
    const refused = new Set<number>();
    for (let shorter = 0; page === undefined; ) {
      const least = room - shorter <= 2;
      const { end, next, insideGrapheme } = findBreak(start, least ? 2 : room - shorter, refused);
      const carried = carry.at(text, end, next, { start, open });
      const fits = reopened.length + carried.closed.length + carried.reopened.length <= mostCarried;
      const closed = fits ? carried.closed : "";
      const pageText = `${reopened}${text.slice(start, end)}${closed}`;
      const indent = next - carried.next;
      const candidate: Next = {
        page: { start, end, text: pageText, reopened, closed },
        reopened: fits ? carried.reopened : "",
        open: fits ? carried.opened : new Set(),
        start: fits && indent <= room * MOST_CARRIED_SHARE ? carried.next : next,
      };
      const lastResort = insideGrapheme || refused.has(end);
      if (pageText.length > maxLength && !least) {
        shorter += pageText.length - maxLength;
      } else if (lastResort || least || !fits) {
        ({ page, reopened, open, start } = lastResort && unrenderable ? unrenderable : candidate);
      } else if (!rendersOtherwise(text, end, candidate.start, carried)) {
        ({ page, reopened, open, start } = candidate);
      } else if (refused.size >= MOST_REFUSED) {
        ({ page, reopened, open, start } = unrenderable ?? candidate);
      } else {
        unrenderable ??= candidate;
        refused.add(end);
      }
    }
    pages.push(page);
  }
  pages.push({
    start,
    end: contentEnd,
    text: `${reopened}${text.slice(start, contentEnd)}`,
    reopened,
    closed: "",
  });
  return pages;
}

/**
 * A carried span's delimiters with the first and the last visible character inside them: a break
 * between a delimiter and the text it formats (after "```js", before the closing "```") would
 * leave a delimiter alone on a page.
 */
function delimitersWithContent(text: string, span: CarriedSpan): GuardedSpan[] {
  if (span.perLine || span.contentEnd <= span.contentStart) return [];
  let first = span.contentStart;
  while (first < span.contentEnd - 1 && isBreakableSpace(text.charCodeAt(first))) first++;
  let last = span.contentEnd;
  while (last > first + 1 && isBreakableSpace(text.charCodeAt(last - 1))) last--;
  return [
    { start: span.start, end: first + 1, weight: LONE_DELIMITER_WEIGHT },
    { start: last - 1, end: span.end, weight: LONE_DELIMITER_WEIGHT },
  ];
}

/**
 * Whether the carried delimiters would not read as they are meant: when they run into the same
 * character in the text (`x|` closed with `||`, `` `x `` opened with `` ` ``, `***` opened with
 * `*`), which Discord reads as other delimiters; or when the next page would open one before a
 * block marker of the text (`**> quote`), which Discord then does not read as a block.
 */
function rendersOtherwise(text: string, end: number, next: number, carried: Carried): boolean {
  const closing = carried.closed[0] ?? "";
  const opening = carried.reopened.at(-1) ?? "";
  const closes = MERGING_CHARACTERS.has(closing) && text[end - 1] === closing;
  const opens = DELIMITER_CHARACTERS.has(opening) && text[next] === opening;
  // Inside inline code nothing is a block.
  const beforeBlock = opening !== "`" && startsBlockMarker(text, next);
  return closes || opens || (DELIMITER_CHARACTERS.has(opening) && beforeBlock);
}
