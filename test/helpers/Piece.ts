import fc from "fast-check";
import type { Unbreakable } from "./pageProblems.js";

/**
 * Generated text for the pager's property tests, with the stretches the generator knows
 * Discord shows as one thing (a URL, a mention, a bidi pair, words held by a no-break space):
 * they must not be split when they fit on a page.
 */
export interface Piece {
  readonly text: string;
  readonly unbreakable: readonly Unbreakable[];
}

export const plain = (text: string): Piece => ({ text, unbreakable: [] });

/** A piece that must stay whole. */
export const whole = (text: string): Piece => ({
  text,
  unbreakable: [{ start: 0, end: text.length }],
});

/** Pieces one after another, their stretches moved to where they land. */
export function join(pieces: readonly Piece[], separator = ""): Piece {
  let text = "";
  const unbreakable: Unbreakable[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index > 0) text += separator;
    for (const span of piece.unbreakable) {
      unbreakable.push({ start: text.length + span.start, end: text.length + span.end });
    }
    text += piece.text;
  }
  return { text, unbreakable };
}

/** `open + piece + close`, the whole of it kept whole when `keep`. */
export function wrap(open: string, piece: Piece, close: string, keep: boolean): Piece {
  const inner = join([plain(open), piece, plain(close)]);
  if (!keep) return inner;
  return {
    text: inner.text,
    unbreakable: [...inner.unbreakable, { start: 0, end: inner.text.length }],
  };
}

/** Pieces joined by the separators generated between them. */
export const joinedBy = (pieces: fc.Arbitrary<Piece[]>, separator: fc.Arbitrary<string>) =>
  pieces.chain((list) =>
    fc
      .array(separator, { minLength: list.length, maxLength: list.length })
      .map((gaps) =>
        join(
          list.flatMap((piece, index) =>
            index === 0 ? [piece] : [plain(gaps[index] ?? " "), piece],
          ),
        ),
      ),
  );

// Words and sentences.
