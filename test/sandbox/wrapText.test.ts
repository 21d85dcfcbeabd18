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

  it("never makes a line wider than asked, and loses no character but the spaces it breaks at", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "é", "👍🏽") }),
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
