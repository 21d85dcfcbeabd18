import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paginate } from "../../src/core/pager.js";
import { pageProblems, type Unbreakable } from "./pagerInvariants.js";

/** A piece of generated text and the stretches in it that must not be split. */
interface Piece {
  readonly text: string;
  readonly unbreakable: readonly Unbreakable[];
}

const plain = (text: string): Piece => ({ text, unbreakable: [] });

const word = fc
  .tuple(
    fc.constantFrom(
      "the",
      "a",
      "Mr",
      "night",
      "walked",
      "don't",
      "extraordinarily",
      "I",
      "x",
      "Zoë",
    ),
    fc.constantFrom("", "", "", ",", ".", "!", "?", "…", ".\u201D"),
  )
  .map(([letters, end]) => letters + end);

const words = (maxLength: number) =>
  fc.array(word, { minLength: 1, maxLength }).map((list) => list.join(" "));

const cjk = fc
  .array(fc.constantFrom(..."日本語の文章は空白を使わずに書かれます。漢字とかなとカナ、"), {
    minLength: 1,
    maxLength: 60,
  })
  .map((list) => list.join(""));

const rtl = fc
  .array(
    fc.constantFrom("مرحبا", "بالعالم", "الْعَرَبِيَّة", "كِتَاب،", "שלום", "עולם.", "שָׁלוֹם", "עִבְרִית"),
    { minLength: 1, maxLength: 8 },
  )
  .map((list) => list.join(" "));

/** Clusters easy to cut wrongly: ZWJ sequences, flags, skin tones, marks, conjuncts, jamo. */
const cluster = fc.constantFrom(
  "👨‍👩‍👧‍👦",
  "🇯🇵",
  "🇫🇷",
  "👍🏽",
  "👋🏿",
  "❤️",
  "🏳️‍🌈",
  "👩🏽‍💻",
  "e\u0301",
  "n\u0303\u0323",
  "क्ष",
  "กำ",
  "ที่",
  "각",
  "\u1100\u1161\u11A8",
  "😀",
);

const clusters = fc.array(cluster, { minLength: 1, maxLength: 8 }).map((list) => list.join(""));

/** A run with no spaces, often longer than a small page. */
const longRun = fc
  .tuple(
    fc.constantFrom("x", "日本", "ab", "👨‍👩‍👧‍👦", "🇯🇵", "e\u0301"),
    fc.integer({ min: 20, max: 300 }),
  )
  .map(([unit, count]) => unit.repeat(count));

const spanContent = fc
  .tuple(words(5), fc.constantFrom(" ", " ", " ", "\n"), words(3))
  .map(([first, gap, second]) => first + gap + second);

const markdownSpan: fc.Arbitrary<Piece> = fc
  .tuple(fc.constantFrom("*", "_", "**", "__", "~~", "||", "`", "``", "link"), spanContent)
  .map(([marker, content]) => {
    const text =
      marker === "link"
        ? `[${content}](https://example.com/a_(b))`
        : `${marker}${content}${marker}`;
    return { text, unbreakable: [{ start: 0, end: text.length }] };
  });

const sceneBreak: fc.Arbitrary<Piece> = fc
  .constantFrom("***", "* * *", "---", "#", "~~~", "⁂", "o0o", "  ***  ")
  .map((marker) => {
    const start = marker.length - marker.trimStart().length;
    return {
      text: `\n${marker}\n`,
      unbreakable: [{ start: 1 + start, end: 1 + marker.trimEnd().length }],
    };
  });

const separator = fc.constantFrom(
  " ",
  " ",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\n\n",
  "\r\n\r\n",
  "\n \n",
  "\t",
);

const piece: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 6, arbitrary: words(30).map(plain) },
  { weight: 2, arbitrary: cjk.map(plain) },
  { weight: 2, arbitrary: rtl.map(plain) },
  { weight: 2, arbitrary: clusters.map(plain) },
  { weight: 1, arbitrary: longRun.map(plain) },
  { weight: 3, arbitrary: markdownSpan },
  { weight: 1, arbitrary: sceneBreak },
);

/** Pieces joined by whitespace, with the unbreakable stretches moved to where they landed. */
const story: fc.Arbitrary<Piece> = fc
  .array(fc.tuple(separator, piece), { minLength: 1, maxLength: 40, size: "+1" })
  .map((parts) => {
    let text = "";
    const unbreakable: Unbreakable[] = [];
    for (const [gap, { text: pieceText, unbreakable: inPiece }] of parts) {
      text += gap;
      for (const span of inPiece) {
        unbreakable.push({ start: text.length + span.start, end: text.length + span.end });
      }
      text += pieceText;
    }
    return { text, unbreakable };
  });

/** Page lengths, small ones (where breaking is hardest) most often. */
const maxLength = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 20, max: 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: 20, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 4096 }) },
);

/** Text a pager should never trust: stray Markdown, lone marks and surrogates, odd spaces. */
const hostile = fc
  .array(
    fc.oneof(
      story.map((generated) => generated.text),
      fc.constantFrom(
        "*",
        "**",
        "_",
        "`",
        "```",
        "||",
        "~~",
        "[",
        "](",
        ")",
        "\\",
        "\u0301",
        "\u200D",
      ),
      fc.constantFrom(
        "\uD83D",
        "\uDE00",
        "\u0600",
        "\u00A0",
        "\u3000",
        "\uFEFF",
        "\u2028",
        "\r",
        "\v",
      ),
      fc.string({ unit: "binary", maxLength: 30 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("paginate, on generated text", () => {
  it("keeps the contract, graphemes and Markdown spans that fit, deterministically", () => {
    fc.assert(
      fc.property(story, maxLength, ({ text, unbreakable }, limit) => {
        const pages = paginate(text, { maxLength: limit });
        expect(pageProblems(text, pages, limit, { graphemes: true, unbreakable })).toEqual([]);
        if (text.trim().length <= limit) expect(pages).toHaveLength(text.trim() ? 1 : 0);
        expect(paginate(text, { maxLength: limit })).toEqual(pages);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps the contract on hostile text", () => {
    fc.assert(
      fc.property(hostile, fc.oneof(maxLength, fc.integer({ min: 2, max: 20 })), (text, limit) => {
        expect(pageProblems(text, paginate(text, { maxLength: limit }), limit)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
