import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paginate } from "../../src/core/pager.js";
import { pageProblems } from "./pagerInvariants.js";
import { maxLength, story } from "./storyArbitraries.js";

/** Whitespace a page may break at (the no-break spaces are not). */
const BREAKABLE_AROUND = /^[^\S\u00a0\u2007\u202f\ufeff]+|[^\S\u00a0\u2007\u202f\ufeff]+$/g;

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
        "> ",
        ">>> ",
        "# ",
        "\u0301",
        "\u200D",
        "\u202B",
        "\u202C",
        "\u2067",
        "\u2069",
        "<@",
        "<t:",
        ">",
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

/** Enough runs to find a bug in a few seconds, and a bound on the time spent shrinking one. */
const RUNS = { numRuns: 200, interruptAfterTimeLimit: 8_000 } satisfies fc.Parameters<unknown>;

describe("paginate, on generated Discord text", () => {
  // Pages are their slices between carried delimiters, in order, with only breakable whitespace
  // between and around them, each at most `maxLength`, never cut inside a grapheme that fits on
  // a page; text that fits is one page; and the same input gives the same pages.
  it("rejoins to the text, within the page length, graphemes whole, deterministically", () => {
    fc.assert(
      fc.property(story, maxLength, ({ text }, limit) => {
        const pages = paginate(text, { maxLength: limit });
        expect(pageProblems(text, pages, limit, { graphemes: true })).toEqual([]);
        const content = text.replace(BREAKABLE_AROUND, "");
        if (content.length <= limit) expect(pages).toHaveLength(content ? 1 : 0);
        expect(paginate(text, { maxLength: limit })).toEqual(pages);
      }),
      RUNS,
    );
  });

  // A page may end between two non-space characters only where UAX #14 (from `linebreak`, on the
  // whole text, plus dictionary word breaks in Thai) allows it, never next to a no-break space,
  // and never inside what Discord renders as one thing (by its own parser: Markdown spans, links,
  // URLs, mentions, emoji, timestamps; and the generated bidi pairs) that fits on a page; unless
  // the stretch with no allowed break around it is longer than the page less both pages' carried
  // delimiters (generous, since the pager keeps room for delimiters before it knows them).
  it("keeps the contract on hostile text", () => {
    fc.assert(
      fc.property(hostile, maxLength, (text, limit) => {
        const pages = paginate(text, { maxLength: limit });
        expect(pageProblems(text, pages, limit, { graphemes: true })).toEqual([]);
      }),
      RUNS,
    );
  });
});
