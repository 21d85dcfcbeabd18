import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGraphemeBoundaries } from "../../src/core/graphemeBoundaries.js";
import { graphemeBoundaries } from "../helpers/pageProblems.js";

/** Whether Intl.Segmenter, given the whole text, puts a grapheme boundary at each index. */
function segmenterBoundaries(text: string): boolean[] {
  const boundaries = graphemeBoundaries(text);
  return Array.from({ length: text.length + 1 }, (_, index) => boundaries.has(index));
}

function ourBoundaries(text: string): boolean[] {
  const boundaries = createGraphemeBoundaries(text);
  return Array.from({ length: text.length + 1 }, (_, index) => boundaries.isBoundary(index));
}

describe("createGraphemeBoundaries", () => {
  it("pairs flags right past the segmented slice's end, after a lone surrogate", () => {
    const text = `\ud83d${"🇯🇵".repeat(140)}\nhttps://example.com`;
    expect(ourBoundaries(text)).toEqual(segmenterBoundaries(text));
  });

  it("agrees with Intl.Segmenter on the whole text, in any order of asking", () => {
    const unit = fc.constantFrom(
      "a",
      " ",
      "\n",
      "🇯",
      "🇵",
      "🇯🇵",
      "👨‍👩‍👧‍👦",
      "e\u0301",
      "\u0301",
      "\u200d",
      "\ud83d",
      "\udc4d",
      "각",
      "\u1100\u1161",
      "\u0600",
      // A run longer than the slices the segmenter is given.
      "🇯🇵".repeat(130),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 300 }), fc.nat(), (units, from) => {
        const text = units.join("");
        const expected = segmenterBoundaries(text);
        const boundaries = createGraphemeBoundaries(text);
        for (let step = 0; step <= text.length; step++) {
          const index = (from + step * 7) % (text.length + 1);
          expect(boundaries.isBoundary(index)).toBe(expected[index]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
