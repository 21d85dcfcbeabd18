import LineBreaker from "linebreak";
import { splitsSurrogatePair } from "./characters.js";
import { createChunkedIndex } from "./createChunkedIndex.js";
import type { GraphemeBoundaries } from "./graphemeBoundaries.js";
import { isAbbreviationBefore } from "./isAbbreviationBefore.js";
import { isBreakableSpace } from "./isBreakableSpace.js";
import { lineGaps } from "./lineGaps.js";
import { lowerBound } from "./lowerBound.js";
import type { Span } from "./span.js";
import { createSpanGuard, type GuardedSpan } from "./spanGuard.js";
import { startsUnwrittenBlock } from "./startsUnwrittenBlock.js";

/** Where one page ends and the next begins; only breakable whitespace lies between. */
export interface PageBreak {
  readonly end: number;
  readonly next: number;
  /** The break cuts a grapheme longer than the room (the last resort). */
  readonly insideGrapheme?: true;
}

/**
 * Chooses the break that ends the page starting at `start`, at most `room` long, ending
 * nowhere in `refused` (breaks the caller found it cannot render).
 */
export type BreakFinder = (start: number, room: number, refused?: ReadonlySet<number>) => PageBreak;

/** Kinds of break, from the best to the worst. */
type BreakLevel = "scene" | "paragraph" | "line" | "sentence" | "space" | "tight";

/**
 * How much each kind of break is worth. A break loses one point for every eighth of a page
 * it lies from the target, so a paragraph end a quarter page off ties with a sentence end on it,
 * and a break between two letters (`and/│or`, CJK) needs to be an eighth of a page nearer than
 * the nearest space to win.
 */
const WEIGHT = {
  scene: 6,
  paragraph: 5,
  line: 4,
  sentence: 3,
  space: 2,
  tight: 1,
} satisfies Record<BreakLevel, number>;
const POINTS_PER_PAGE_OF_DISTANCE = 8;
/** How far past a page's end a sentence may start, after the spaces that end the one before. */
const SENTENCE_SPILL = 128;
/** How far past a page's end a line may start, after the spaces that end the page. */
const SPACES_SPILL = 64;

/**
 * Scripts whose words UAX #14 leaves to a dictionary (class SA: Thai, Lao, Khmer, Myanmar):
 * there the word segmenter, which has ICU's dictionaries, finds the breaks.
 */
const DICTIONARY_SCRIPT = /[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
const DICTIONARY_LETTER = /^[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;

interface Candidate extends PageBreak {
  readonly score: number;
  /** How many things to keep whole the break cuts: a cut that cannot be helped cuts fewest. */
  readonly cuts: number;
}

/**
 * Prepares `text` (its line gaps, and the spans to keep whole) for a walk over pages whose
 * starts only move forward; the content ends at `contentEnd`, and `graphemes` are its graphemes.
 *
 * A page ends where Unicode's line breaking (UAX #14) allows a break, never inside a grapheme
 * or a span to keep whole that fits on a page. For a page starting at `start`, with `n` pages
 * needed for the rest, the break should come near `start + rest / n`. Breaks up to
 * `start + room` are scored by kind, less their distance from that target, and the best wins;
 * finer kinds are looked for only as far from the target as they could still win, so the
 * segmenters see small slices. A page starting with a block the text does not have there
 * (`> `, `# `, `- ` inside a line) counts as a cut. Failing any break, the one that cuts
 * the fewest spans that fit on a page is taken (inside a link, but not inside the bold in it);
 * unless a break between graphemes inside a word cuts fewer (a word counts as one cut, less
 * than a delimiter left alone); failing that (a token longer than a page), one between
 * graphemes, then between code points.
 */
export function createBreakFinder(
  text: string,
  maxLength: number,
  contentEnd: number,
  graphemes: GraphemeBoundaries,
  keepWhole: {
    readonly spans: readonly GuardedSpan[];
    readonly sceneBreaks: readonly Span[];
    /** Where Discord's parser reads a heading or subtext. */
    readonly headingStarts: ReadonlySet<number>;
    /** Code, in order, where no line starts a block. */
    readonly code: readonly Span[];
  },
): BreakFinder {
  const { headingStarts, code } = keepWhole;
  const codeStarts = code.map((span) => span.start);
  /** Whether a page starting at `index` would start with a block the text does not have. */
  const startsBlock = (index: number) => {
    const inCode = code[lowerBound(codeStarts, index) - 1];
    return !(inCode && index < inCode.end) && startsUnwrittenBlock(text, index, headingStarts);
  };
  const gaps = lineGaps(text, keepWhole.sceneBreaks);
  const guard = createSpanGuard(
    [...keepWhole.spans, ...keepWhole.sceneBreaks],
    maxLength,
    text.length,
  );
  const lineBreaks = createChunkedIndex(text, { chunk: 1024, margin: 64 }, lineBreakOpportunities);
  const sentences = createChunkedIndex(
    text,
    { chunk: 1024, margin: 128 },
    segmentStarts(new Intl.Segmenter("en", { granularity: "sentence" })),
  );
  const words = createChunkedIndex(
    text,
    { chunk: 256, margin: 32 },
    segmentStarts(new Intl.Segmenter("en", { granularity: "word" })),
  );
  const isSpace = (index: number) => isBreakableSpace(text.charCodeAt(index));
  /**
   * Where Markdown starts after a space: UAX #14 has no break before `||` (class BA, as after
   * a tab), but a page may end before a spoiler as before a word.
   */
  const spanStarts = [...new Set(keepWhole.spans.map((span) => span.start))]
    .filter((index) => index > 0 && isSpace(index - 1))
    .sort((a, b) => a - b);
  const spanStartsIn = (from: number, to: number) => {
    const found: number[] = [];
    for (let index = lowerBound(spanStarts, from); (spanStarts[index] ?? to + 1) <= to; index++) {
      found.push(spanStarts[index] ?? 0);
    }
    return found;
  };
  let firstGap = 0;

  return (start, room, refused) => {
    const limit = start + room;
    const pagesLeft = Math.ceil((contentEnd - start) / room);
    const target = start + (contentEnd - start) / pagesLeft;
    let best: Candidate | undefined;
    let cut: Candidate | undefined;

    /**
     * The break at `index`, widened over any breakable whitespace around it that is a grapheme
     * of its own (a mark joins the space before it).
     */
    const gapAround = (index: number): PageBreak => {
      let end = index;
      while (end > start && isSpace(end - 1)) end--;
      while (end < index && !graphemes.isBoundary(end)) end++;
      let next = index;
      while (next < contentEnd && isSpace(next)) next++;
      while (next > index && !graphemes.isBoundary(next)) next--;
      return { end, next };
    };

    /** Scores a break; says whether it is allowed, and so in the running. */
    const consider = ({ end, next }: PageBreak, level: BreakLevel): boolean => {
      if (end <= start || end > limit || refused?.has(end)) return false;
      if (!graphemes.isBoundary(end) || !graphemes.isBoundary(next)) return false;
      const distance = Math.abs(end - target) / maxLength;
      const candidate = {
        end,
        next,
        score: WEIGHT[level] - POINTS_PER_PAGE_OF_DISTANCE * distance,
        cuts: guard.cuts(end, next) + (startsBlock(next) ? 1 : 0),
      };
      if (candidate.cuts > 0) {
        const fewer = !cut || candidate.cuts < cut.cuts;
        if (fewer || (candidate.cuts === cut?.cuts && candidate.score > cut.score)) {
          cut = candidate;
        }
        return false;
      }
      if (!best || candidate.score > best.score) best = candidate;
      return true;
    };

    /** The indexes around the target where a break of this kind could still win. */
    const reach = (level: BreakLevel) => {
      const within = best
        ? ((WEIGHT[level] - best.score) * maxLength) / POINTS_PER_PAGE_OF_DISTANCE
        : Number.POSITIVE_INFINITY;
      return {
        from: Math.max(start + 1, Math.floor(target - within)),
        to: Math.min(limit, Math.ceil(target + within)),
      };
    };

    const considerLineGaps = () => {
      while ((gaps[firstGap]?.end ?? contentEnd) <= start) firstGap++;
      for (let index = firstGap; index < gaps.length; index++) {
        const gap = gaps[index];
        if (!gap || gap.end > limit) break;
        consider(gap, gap.level);
      }
    };

    /**
     * Sentence starts after a space, but not after a title or an initial (`Mr.│Drago`,
     * `M. Dupont`), nor one with no space before it (`Yahoo!│Answers`).
     */
    const considerSentences = () => {
      const { from, to } = reach("sentence");
      if (from > to) return;
      for (const index of sentences.positionsIn(from, to + SENTENCE_SPILL)) {
        const gap = gapAround(index);
        if (gap.end < index && !isAbbreviationBefore(text, gap.end)) consider(gap, "sentence");
      }
    };

    /** UAX #14's opportunities: after spaces, or between two characters (CJK, `and/or`). */
    const considerOpportunities = (level: "space" | "tight") => {
      const { from, to } = reach(level);
      if (from > to) return;
      for (const index of lineBreaks.positionsIn(from, to + SPACES_SPILL)) {
        const afterSpace = isSpace(index - 1);
        if (afterSpace === (level === "space")) consider(gapAround(index), level);
      }
      if (level === "space") {
        for (const index of spanStartsIn(from, to + SPACES_SPILL))
          consider(gapAround(index), level);
      }
    };

    /** Words of the scripts UAX #14 leaves to a dictionary (Thai, Lao, Khmer, Myanmar). */
    const considerDictionaryWords = () => {
      const { from, to } = reach("tight");
      if (from > to || !DICTIONARY_SCRIPT.test(text.slice(from - 1, to + 1))) return;
      for (const index of words.positionsIn(from, to)) {
        if (
          DICTIONARY_LETTER.test(text[index - 1] ?? "") &&
          DICTIONARY_LETTER.test(text[index] ?? "")
        ) {
          consider({ end: index, next: index }, "tight");
        }
      }
    };

    /** For a token longer than a page: the grapheme boundary nearest the target. */
    const graphemeBreak = (): PageBreak | undefined => {
      const from = Math.min(limit, Math.max(start + 1, Math.floor(target)));
      for (let index = from; index > start; index--) {
        const gap = gapAround(index);
        if (graphemes.isBoundary(index) && gap.end > start) return gap;
      }
      for (let index = from + 1; index <= limit; index++) {
        if (graphemes.isBoundary(index)) return gapAround(index);
      }
      return undefined;
    };

    /** For a grapheme longer than a page: a break between code points, near the target. */
    const codePointBreak = () => {
      const index = Math.min(limit, Math.max(start + 1, Math.floor(target)));
      if (!splitsSurrogatePair(text, index)) return gapAround(index);
      return gapAround(index + 1 <= limit || index - 1 <= start ? index + 1 : index - 1);
    };

    considerLineGaps();
    considerSentences();
    considerOpportunities("space");
    considerOpportunities("tight");
    considerDictionaryWords();
    if (best) return best;
    // A break inside a word counts as one cut: fewer than a lone delimiter's, so a word that
    // fits on a page only without the delimiters carried around it is cut rather than them.
    const inWord = graphemeBreak();
    const inWordCuts =
      inWord && !refused?.has(inWord.end)
        ? guard.cuts(inWord.end, inWord.next) + (startsBlock(inWord.next) ? 1 : 0) + 1
        : Number.POSITIVE_INFINITY;
    if (cut && cut.cuts <= inWordCuts) return cut;
    return inWord ?? { ...codePointBreak(), insideGrapheme: true };
  };
}

/**
 * UAX #14's break opportunities in a slice, through the `linebreak` package (as PDFKit uses
 * it): each is where a line may start, after the spaces that end the line before.
 */
function* lineBreakOpportunities(slice: string): Generator<number> {
  const breaker = new LineBreaker(slice);
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    if (found.position < slice.length) yield found.position;
  }
}

/** Where the segments of a slice start. */
function segmentStarts(segmenter: Intl.Segmenter) {
  return function* (slice: string): Generator<number> {
    for (const { index } of segmenter.segment(slice)) yield index;
  };
}
