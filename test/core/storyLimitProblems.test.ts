import { describe, expect, it } from "vitest";
import { contentWarningFields, listFields, tagFields } from "../../src/core/listFields.js";
import type { Part, Story } from "../../src/core/story.js";
import { storyLimitProblems } from "../../src/core/storyLimitProblems.js";
import { storyFixture } from "../helpers/storyFixture.js";

/** Every key on a line of its own, in the order of this list. */
const KEYS = ["id", "title", "author", "rating", "content_warnings", "tags", "dateline", "place"];
const keyLine = (_file: string, key: string) => KEYS.indexOf(key) + 2;

/** The fixture story (texts under the loader's 200-character caps) with some details changed. */
function story(meta: Partial<Story["meta"]> = {}, scene: Partial<Part> = {}): Story {
  const fixture = storyFixture([{ id: "one", text: "Some prose." }], 3000);
  return {
    meta: { ...fixture.meta, ...meta },
    parts: fixture.parts.map((part) => (part.kind === "scene" ? { ...part, ...scene } : part)),
  };
}

describe("listFields", () => {
  it("fills each field up to 1,024 characters, breaking only between entries", () => {
    const entries = ["a".repeat(500), "b".repeat(522), "c".repeat(3), "d".repeat(1024)];
    expect(listFields("Tags", entries)).toEqual([
      { name: "Tags", value: `${"a".repeat(500)}, ${"b".repeat(522)}` },
      { name: "Tags (continued)", value: "ccc" },
      { name: "Tags (continued)", value: "d".repeat(1024) },
    ]);
  });

  it("shows no content warnings as None, and no tags as no field", () => {
    expect(contentWarningFields([])).toEqual([{ name: "Content warnings", value: "None" }]);
    expect(tagFields([])).toEqual([]);
  });
});

describe("storyLimitProblems", () => {
  it("finds nothing in a story within the limits", () => {
    expect(storyLimitProblems(story(), "story.md", keyLine)).toEqual([]);
  });

  it("refuses a story title too long for the embed titles it is in, at its line", () => {
    const [problem, ...others] = storyLimitProblems(
      story({ title: "t".repeat(241) }),
      "story.md",
      keyLine,
    );
    expect(problem).toEqual({
      file: "story.md",
      line: 3,
      message:
        'The title makes the resume card\'s title, "Welcome back to …", 257 characters long, but Discord allows at most 256.',
      fix: "Shorten the title by 1 character or more.",
    });
    expect(others).toEqual([]);
  });

  it("refuses an entry too long for a field, at its key's line", () => {
    const problems = storyLimitProblems(
      story({ tags: ["Drama", "x".repeat(1025)] }),
      "story.md",
      keyLine,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: "story.md",
        line: 7,
        message: expect.stringContaining('of "tags" is 1,025 characters long'),
        fix: "Shorten it to 1,024 characters or fewer, or split it into two entries.",
      }),
    ]);
  });

  it("refuses a part title, dateline or place that overflows an embed title or footer", () => {
    const file = "scenes/001-one.md";
    expect(storyLimitProblems(story({}, { title: "s".repeat(250) }), "story.md", keyLine)).toEqual([
      expect.objectContaining({
        file,
        line: 3,
        message: expect.stringContaining("264 characters long, but Discord allows at most 256"),
      }),
    ]);
    expect(storyLimitProblems(story({}, { place: "p".repeat(2040) }), "story.md", keyLine)).toEqual(
      [
        expect.objectContaining({
          file,
          line: 8,
          message: expect.stringContaining("page footers 2,"),
          fix: expect.stringContaining("Shorten the dateline or the place"),
        }),
      ],
    );
  });

  it("refuses a part whose pages cannot fit in a message, at its title", () => {
    const problems = storyLimitProblems(
      story({ pageLength: 4096 }, { dateline: "d".repeat(950), place: "p".repeat(950) }),
      "story.md",
      keyLine,
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: "scenes/001-one.md",
        line: 3,
        message: expect.stringMatching(/^A page of this part, .* would make a message of 6,/),
      }),
    ]);
  });
});
