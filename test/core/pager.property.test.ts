import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { paginate } from "../../src/core/pager.js";
import { sceneBreakLines } from "../../src/core/sceneBreaks.js";
import { bidiProblems } from "../helpers/bidiProblems.js";
import { breakProblems } from "../helpers/breakProblems.js";
import { formattingProblems } from "../helpers/formattingProblems.js";
import { pageProblems } from "../helpers/pageProblems.js";
import {
  authorStory,
  maxLength,
  roomyMaxLength,
  story,
  tinyMaxLength,
} from "../helpers/storyArbitraries.js";

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

/**
 * Stories with their Markdown as an author writes it, without scene breaks, for the properties
 * that read the whole text with one parse: the pager reads each scene on its own (a scene
 * break's stars are a break, not bold), which one parse of the whole text would not match.
 * Markdown Discord cannot read as meant (`**a **b** c**`) has no formatting to keep.
 */
const oneScene = authorStory.filter(({ text }) => sceneBreakLines(text).length === 0);

/** Enough runs to find a bug in a few seconds, and a bound on the time spent shrinking one. */
const RUNS = { numRuns: 200, interruptAfterTimeLimit: 8_000 } satisfies fc.Parameters<unknown>;

describe("paginate, on generated Discord text", () => {
  // Pages are their slices between carried delimiters, in order, with only breakable whitespace
  // between and around them, each at most `maxLength`, never cut inside a grapheme that fits on
  // a page; text that fits is one page; and the same input gives the same pages.
  it("rejoins to the text, within the page length, graphemes whole, deterministically", () => {
    fc.assert(
      fc.property(story, fc.oneof(maxLength, tinyMaxLength), ({ text }, limit) => {
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
  // URLs, mentions, emoji, timestamps; and the generated bidi pairs) that fits on a page with the
  // delimiters carried around it; unless the stretch with no allowed break around it is longer
  // than the page less both pages' carried delimiters (generous: about twice what a page holding
  // the stretch would carry).
  it("breaks only where UAX #14 allows, outside what Discord shows as one thing, unless that is longer than a page", () => {
    fc.assert(
      fc.property(oneScene, roomyMaxLength, ({ text, unbreakable }, limit) => {
        const pages = paginate(text, { maxLength: limit });
        expect(breakProblems(text, pages, limit, unbreakable)).toEqual([]);
      }),
      RUNS,
    );
  });

  // Each page, parsed alone by Discord's rules, formats each visible character of its slice as
  // the whole text does, and shows no delimiter or quote marker of the text as text; the bidi
  // embeddings around each character are the same. Only pages of 200 or more: on smaller ones
  // the pager drops carried delimiters that would take more than a quarter of the page. Pages
  // that cut a link, URL, heading or subtext, or anything in a `>` quote, are left out: the pager
  // does not carry those; so are pages that start inside a quote held by other formatting.
  it("shows each page's slice with the formatting and direction it has in the whole text", () => {
    fc.assert(
      fc.property(oneScene, roomyMaxLength, ({ text }, limit) => {
        const pages = paginate(text, { maxLength: limit });
        expect(formattingProblems(text, pages)).toEqual([]);
        expect(bidiProblems(text, pages)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("keeps the contract on hostile text", () => {
    fc.assert(
      fc.property(hostile, fc.oneof(maxLength, tinyMaxLength), (text, limit) => {
        const pages = paginate(text, { maxLength: limit });
        expect(pageProblems(text, pages, limit, { graphemes: true })).toEqual([]);
      }),
      RUNS,
    );
  });
});
