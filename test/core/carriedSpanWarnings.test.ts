import { describe, expect, it } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import { carriedSpanWarnings } from "../../src/core/carriedSpanWarnings.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";

describe("carriedSpanWarnings", () => {
  it("names each page break that goes through formatting longer than a page, at its line", () => {
    const text = `Opening line.\n\n**${prose(4, 3, "Bold")}**\n\nClosing line.`;
    const book = bindBook(storyFixture([{ id: "loud", text }], 500));
    const loud = book.part("loud");
    const carried = loud?.pages.filter((page) => page.closed !== "") ?? [];
    expect(carried.length).toBeGreaterThan(0);
    const warnings = carriedSpanWarnings(book);
    expect(warnings).toHaveLength(carried.length);
    for (const [index, warning] of warnings.entries()) {
      const page = carried[index];
      const lines = text.slice(0, page?.end).split("\n").length - 1;
      expect(warning).toMatchObject({
        file: loud?.part.file,
        line: (loud?.part.line ?? 0) + lines,
      });
      expect(warning.message).toContain('"**"');
    }
  });

  it("has nothing to say about formatting that fits on its page", () => {
    const text = `${prose(3, 3, "Plain")} **short and bold** ${prose(3, 3, "More")}`;
    expect(carriedSpanWarnings(bindBook(storyFixture([{ id: "calm", text }], 500)))).toEqual([]);
  });
});
