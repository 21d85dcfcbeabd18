import { characterAt, characterBefore, splitsSurrogatePair } from "./characters.js";

/** Exact grapheme-cluster boundaries of one text, computed only where asked. */
export interface GraphemeBoundaries {
  /** Whether `index` falls between two grapheme clusters (0 and `text.length` do). */
  isBoundary(index: number): boolean;
}

/** Letters, digits, punctuation, symbols, spaces: they join marks; Hangul or flags each other. */
const BASE = /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}]$/u;
/** What may join the character after it: marks, emoji modifiers and Malayalam's dot reph. */
const JOINS_NEXT = /^[\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}\u0D4E]$/u;
/** What may join the character before it: marks, emoji modifiers, and Thai and Lao AM. */
const JOINS_PREVIOUS = /^[\p{M}\p{Grapheme_Extend}\p{Emoji_Modifier}\u0E33\u0EB3]$/u;
/** The astral characters trusted as base: emoji, flags' letters and CJK ideographs. */
const ASTRAL_BASE = /^[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Script=Han}]$/u;
const HANGUL = /^\p{Script=Hangul}$/u;
const REGIONAL_INDICATOR = /^\p{Regional_Indicator}$/u;

const LF = 0x0a;
const CR = 0x0d;
/** Slice length for Intl.Segmenter, which slows down sharply on long strings. */
const CHUNK = 512;

/** Whether a character is in `BASE`; of astral ones, only those in `ASTRAL_BASE` are trusted. */
function isBase(character: string): boolean {
  return character.length === 1 ? BASE.test(character) : ASTRAL_BASE.test(character);
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

/**
 * Whether Unicode's grapheme rules (UAX #29) break at `index` whatever comes before the
 * two characters around it. `false` means "not sure", so this can stay small and fast.
 */
function isCertainBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before === CR) return after !== LF;
  if (isControl(before) || isControl(after)) return true;
  if (isPrintableAscii(before) && isPrintableAscii(after)) return true;
  if (splitsSurrogatePair(text, index)) return false;
  const left = characterBefore(text, index);
  const right = characterAt(text, index);
  if (!isBase(left) || JOINS_NEXT.test(left)) return false;
  if (!isBase(right) || JOINS_PREVIOUS.test(right)) return false;
  if (HANGUL.test(left) && HANGUL.test(right)) return false;
  return !(REGIONAL_INDICATOR.test(left) && REGIONAL_INDICATOR.test(right));
}

/** All boundaries from `from` to `to`, both certain boundaries, segmented in short slices. */
function boundariesBetween(segmenter: Intl.Segmenter, text: string, from: number, to: number) {
  const boundaries = new Set([from, to]);
  let start = from;
  let size = CHUNK;
  while (start < to) {
    let end = Math.min(to, start + size);
    // A slice ending inside a surrogate pair would end in a lone surrogate, a grapheme of its own.
    if (splitsSurrogatePair(text, end)) end--;
    let last = start;
    for (const { index } of segmenter.segment(text.slice(start, end))) {
      last = start + index;
      boundaries.add(last);
    }
    if (end === to) break;
    // Every segment start is exact (the rules only look back); the slice's end is not.
    if (last > start) {
      start = last;
      size = CHUNK;
    } else {
      size *= 2;
    }
  }
  return boundaries;
}

/**
 * Grapheme boundaries of `text`. Most positions are settled by looking at the two characters
 * around them; the rest are settled by segmenting the stretch between the nearest certain
 * boundaries, and the last such stretch is kept, since a walk asks about nearby places next.
 */
export function createGraphemeBoundaries(text: string): GraphemeBoundaries {
  const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
  let cachedFrom = 0;
  let cachedTo = -1;
  let cached = new Set<number>();
  return {
    isBoundary(index) {
      if (isCertainBoundary(text, index)) return true;
      if (splitsSurrogatePair(text, index)) return false;
      if (index < cachedFrom || index > cachedTo) {
        cachedFrom = index - 1;
        while (!isCertainBoundary(text, cachedFrom)) cachedFrom--;
        cachedTo = index + 1;
        while (!isCertainBoundary(text, cachedTo)) cachedTo++;
        cached = boundariesBetween(segmenter, text, cachedFrom, cachedTo);
      }
      return cached.has(index);
    },
  };
}
