import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wrapText } from "../../src/sandbox/wrapText.js";

const graphemeCount = (text: string) =>
  [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)].length;

describe("wrapText", () => {
  it("wraps at spaces and keeps line breaks", () => {
    expect(wrapText("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrapText("a\nb", 10)).toEqual(["a", "b"]);
    expect(wrapText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrapText("👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦", 2)).toEqual(["👨‍👩‍👧‍👦👨‍👩‍👧‍👦", "👨‍👩‍👧‍👦"]);
  });

  it("continues a list item under its text, as Discord shows a list", () => {
    expect(wrapText("Two stories:\n- After Moscow: 0 of 2 parts out\n- Tea", 20)).toEqual([
      "Two stories:",
      "- After Moscow: 0 of",
      "  2 parts out",
      "- Tea",
    ]);
  });

  it("never makes a list item's lines wider than asked", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 32 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 30 }),
        (lengths, width) => {
          const item = `- ${lengths.map((length) => "a".repeat(length)).join(" ")}`;
          for (const line of wrapText(item, width))
            expect(graphemeCount(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });

  it("never makes a line wider than asked, and loses no character but the spaces it breaks at", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "- ", "é", "👍🏽") }),
        fc.integer({ min: 1, max: 30 }),
        (text, width) => {
          const lines = wrapText(text, width);
          for (const line of lines) expect(graphemeCount(line)).toBeLessThanOrEqual(width);
          expect(lines.join("").replace(/[ \n]/g, "")).toBe(text.replace(/[ \n]/g, ""));
        },
      ),
    );
  });
});
