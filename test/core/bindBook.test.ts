import { describe, expect, it } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";

const scenes = [
  { id: "one", text: prose(6, 8, "One") },
  { id: "two", text: prose(6, 8, "Two") },
];

describe("bindBook after a reload", () => {
  it("keeps the pages of the parts whose text is unchanged and re-pages the edited one", () => {
    const before = bindBook(storyFixture(scenes, 800));
    const edited = storyFixture(
      [scenes[0] ?? { id: "", text: "" }, { id: "two", text: `${prose(6, 8, "Two")}\n\nMore.` }],
      800,
    );
    const after = bindBook(edited, before);
    expect(after.part("one")?.pages).toBe(before.part("one")?.pages);
    expect(after.part("two")?.pages).not.toBe(before.part("two")?.pages);
    expect(after.part("two")?.pages.at(-1)?.text).toMatch(/More\.$/);
    expect(after.part("two")?.digest).not.toBe(before.part("two")?.digest);
    expect(after.words).toBe(before.words + 1);
    expect(after.part("two")?.wordsBefore).toBe(before.part("two")?.wordsBefore);
  });

  it("re-pages every part when the page length changes, exactly as a first binding does", () => {
    const before = bindBook(storyFixture(scenes, 800));
    const longer = storyFixture(scenes, 1600);
    const after = bindBook(longer, before);
    expect(after.part("one")?.pages).not.toBe(before.part("one")?.pages);
    expect(after.parts.map((part) => part.pages)).toEqual(
      bindBook(longer).parts.map((part) => part.pages),
    );
  });
});
