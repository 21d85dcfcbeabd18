import { splitsSurrogatePair } from "./characters.js";
import { createGraphemeBoundaries } from "./graphemeBoundaries.js";
import { isWhitespace } from "./isWhitespace.js";
import { lineGaps } from "./lineGaps.js";
import { markdownSpans } from "./markdownSpans.js";
import { sceneBreakLines } from "./sceneBreaks.js";
import { createSegmentIndex } from "./segmentIndex.js";
import { createSpanGuard } from "./spanGuard.js";

/** Where one page ends and the next begins; only whitespace lies between. */
export interface PageBreak {
  readonly end: number;
  readonly next: number;
}

/** Chooses the break that ends the page starting at a given index. */
export type BreakFinder = (start: number) => PageBreak;

/** Kinds of break, from the best to the worst. */
type BreakLevel = "scene" | "paragraph" | "line" | "sentence" | "word" | "grapheme";

/**
 * How much each kind of break is worth. A break loses one point for every eighth of a page
 * it lies from the target, so a paragraph end a quarter page off ties with a sentence end on it.
 */
const WEIGHT = {
  scene: 6,
  paragraph: 5,
  line: 4,
  sentence: 3,
  word: 2,
  grapheme: 1,
} satisfies Record<BreakLevel, number>;
const POINTS_PER_PAGE_OF_DISTANCE = 8;
/** First distance from the target searched for breaks between words without spaces. */
const FIRST_WORD_RADIUS = 32;
/** How far past a page's end a sentence may start, after the spaces that end the one before. */
const SENTENCE_SPILL = 128;

/** Letters, marks and digits of scripts that put spaces between words: no word break inside. */
const SPACED_WORDS = /^[\p{L}\p{M}\p{N}\s]*$/u;
/** Scripts written without spaces, which ICU splits into words with dictionaries. */
const UNSPACED_SCRIPT =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
/** Without a letter or digit there is no word, so no break before one. */
const WORDISH = /[\p{L}\p{N}]/u;

interface Candidate extends PageBreak {
  readonly score: number;
}

/** Whether the word segmenter could find a break between two non-spaces in `region`. */
function mayHoldWordBreaks(region: string): boolean {
  return WORDISH.test(region) && (!SPACED_WORDS.test(region) || UNSPACED_SCRIPT.test(region));
}

/**
 * Prepares `text` (line breaks, scene breaks and Markdown spans, one pass each) for a walk
 * over pages whose starts only move forward; the content ends at `contentEnd`.
 *
 * For a page starting at `start`, with `n` pages needed for the rest, the break should come
 * near `start + rest / n`. Breaks up to `start + maxLength` are scored by kind, less their
 * distance from that target, and the best wins. Finer kinds are looked for only as far from
 * the target as they could still win, so the segmenters see small slices. Failing any
 * break, one inside a Markdown span that fits on a page is taken, then one between code points.
 */
export function createBreakFinder(
  text: string,
  maxLength: number,
  contentEnd: number,
): BreakFinder {
  const sceneBreaks = sceneBreakLines(text);
  const gaps = lineGaps(text, sceneBreaks);
  const guard = createSpanGuard([...markdownSpans(text), ...sceneBreaks], maxLength);
  const graphemes = createGraphemeBoundaries(text);
  const sentences = createSegmentIndex(
    new Intl.Segmenter("en", { granularity: "sentence" }),
    text,
    { chunk: 1024, margin: 128 },
  );
  const words = createSegmentIndex(new Intl.Segmenter("en", { granularity: "word" }), text, {
    chunk: 256,
    margin: 32,
  });
  const isSpace = (index: number) => isWhitespace(text.charCodeAt(index));
  const isBetweenNonSpaces = (index: number) => !isSpace(index) && !isSpace(index - 1);
  let firstGap = 0;

  return (start) => {
    const limit = start + maxLength;
    const pagesLeft = Math.ceil((contentEnd - start) / maxLength);
    const target = start + (contentEnd - start) / pagesLeft;
    let best: Candidate | undefined;
    let cut: Candidate | undefined;

    /** The break at `index`, widened over any whitespace around it. */
    const gapAround = (index: number): PageBreak => {
      let end = index;
      while (end > start && isSpace(end - 1)) end--;
      let next = index;
      while (next < contentEnd && isSpace(next)) next++;
      return { end, next };
    };

    /** Scores a break; says whether it is allowed, and so in the running. */
    const consider = ({ end, next }: PageBreak, level: BreakLevel): boolean => {
      if (end <= start || end > limit) return false;
      if (!graphemes.isBoundary(end) || !graphemes.isBoundary(next)) return false;
      const distance = Math.abs(end - target) / maxLength;
      const candidate = {
        end,
        next,
        score: WEIGHT[level] - POINTS_PER_PAGE_OF_DISTANCE * distance,
      };
      if (guard.splits(end, next)) {
        if (!cut || candidate.score > cut.score) cut = candidate;
        return false;
      }
      if (!best || candidate.score > best.score) best = candidate;
      return true;
    };

    /** The indexes within `radius` of the target where a break of this kind could still win. */
    const reach = (level: BreakLevel, radius = Number.POSITIVE_INFINITY) => {
      const most = best
        ? ((WEIGHT[level] - best.score) * maxLength) / POINTS_PER_PAGE_OF_DISTANCE
        : radius;
      const within = Math.min(radius, most);
      return {
        from: Math.max(start + 1, Math.floor(target - within)),
        to: Math.min(limit, Math.ceil(target + within)),
      };
    };

    /**
     * Walks from the target one way until `accept` takes an index or `stop` is passed,
     * trying each run of whitespace once.
     */
    const walk = (step: 1 | -1, stop: number, accept: (index: number) => boolean) => {
      for (let index = Math.floor(target) + (step > 0 ? 1 : 0); step * (stop - index) >= 0; ) {
        if (accept(index)) return;
        if (isBetweenNonSpaces(index)) index += step;
        else {
          const gap = gapAround(index);
          index = step > 0 ? gap.next + 1 : gap.end - 1;
        }
      }
    };

    const considerLineGaps = () => {
      while ((gaps[firstGap]?.end ?? contentEnd) <= start) firstGap++;
      for (let index = firstGap; index < gaps.length; index++) {
        const gap = gaps[index];
        if (!gap || gap.end > limit) break;
        consider(gap, gap.level);
      }
    };

    const considerSentences = () => {
      const { from, to } = reach("sentence");
      if (from > to) return;
      for (const { index } of sentences.startsIn(from, to + SENTENCE_SPILL)) {
        consider(gapAround(index), "sentence");
      }
    };

    /** Spaces between words: the nearest on either side of the target is the best. */
    const considerSpaces = () => {
      const { from, to } = reach("word");
      if (from > to) return;
      const atSpace = (index: number) =>
        !isBetweenNonSpaces(index) && consider(gapAround(index), "word");
      walk(-1, from, atSpace);
      walk(1, to, atSpace);
    };

    /**
     * Words not set apart by spaces (CJK, Thai, "well-known"): the nearest wins, so the
     * search widens step by step.
     */
    const considerUnspacedWords = () => {
      for (let radius = FIRST_WORD_RADIUS; ; radius *= 2) {
        const { from, to } = reach("word", radius);
        if (from > to) return;
        let found = false;
        if (mayHoldWordBreaks(text.slice(from - 1, to + 1))) {
          for (const { index, wordLike } of words.startsIn(from, to)) {
            if (wordLike && isBetweenNonSpaces(index)) {
              found = consider({ end: index, next: index }, "word") || found;
            }
          }
        }
        const whole = reach("word");
        if (found || (from <= whole.from && to >= whole.to)) return;
      }
    };

    const considerGraphemes = () => {
      const { from, to } = reach("grapheme");
      if (from > to) return;
      const between = (index: number) =>
        isBetweenNonSpaces(index) && consider({ end: index, next: index }, "grapheme");
      walk(-1, from, between);
      walk(1, to, between);
    };

    /** For a grapheme longer than a page: a break between code points, near the target. */
    const codePointBreak = () => {
      const index = Math.min(limit, Math.max(start + 1, Math.floor(target)));
      if (!splitsSurrogatePair(text, index)) return gapAround(index);
      return gapAround(index + 1 <= limit ? index + 1 : index - 1);
    };

    considerLineGaps();
    considerSentences();
    considerSpaces();
    considerUnspacedWords();
    considerGraphemes();
    return best ?? cut ?? codePointBreak();
  };
}
