import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countWords } from "../../src/core/countWords.js";

const segmenter = new Intl.Segmenter("en", { granularity: "word" });
const bySegmenter = (text: string) =>
  [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;

/** What prose is made of, and the characters the word rules treat specially. */
const alphabet = [
  ..."aZéßñøΩжЖԱ019",
  " ",
  "\n",
  "\t",
  ..."'’‘.,;:·_-—–…!?\"“”()[]*~#/\\&%$@",
  "\u0301",
  "\u00AD",
  "\u200D",
  "\uFE0F",
  "🙂",
  "❤️",
  "👩‍👩‍👧",
  "🇫🇷",
  "½",
  "²",
  "Ⅻ",
  "ª",
  "\u200B",
  "\u202F",
  "˂",
  "🏻",
  "¸",
];

/** Any code point of the ranges the quick count takes, or one of the characters above. */
const anyChar = fc.oneof(
  fc.constantFrom(...alphabet),
  fc.integer({ min: 0x20, max: 0x58f }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x1e00, max: 0x2bff }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0x1f000, max: 0x1faff }).map((code) => String.fromCodePoint(code)),
);

describe("countWords", () => {
  it("counts prose in spaced scripts exactly as Intl.Segmenter does", () => {
    fc.assert(
      fc.property(fc.array(anyChar, { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(countWords(text)).toBe(bySegmenter(text));
      }),
      { numRuns: 10000 },
    );
  });

  it("counts the words of real sentences, and leaves scripts without spaces to the segmenter", () => {
    expect(countWords("“Don’t,” she said — it’s 3.14, e.g. 1,000 snow_flakes… 🙂")).toBe(
      bySegmenter("“Don’t,” she said — it’s 3.14, e.g. 1,000 snow_flakes… 🙂"),
    );
    const scenes = new URL("../../story/scenes/", import.meta.url);
    for (const file of readdirSync(scenes)) {
      const text = readFileSync(new URL(file, scenes), "utf8");
      expect(countWords(text)).toBe(bySegmenter(text));
    }
    expect(countWords("彼は走った。")).toBe(bySegmenter("彼は走った。"));
    expect(countWords("สวัสดีครับ")).toBe(bySegmenter("สวัสดีครับ"));
  });
});
