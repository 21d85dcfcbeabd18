import { describe, expect, it } from "vitest";
import { parseStory } from "../../src/core/parseStory.js";
import type { StoryProblem } from "../../src/core/story.js";
import type { Tree } from "../helpers/storyFiles.js";
import { files, SCENE, STORY, scene, storyOf } from "../helpers/storyFiles.js";

describe("parseStory on a good story", () => {
  it("reads a minimal story, with defaults for the optional keys", () => {
    const story = storyOf();
    expect(story.meta).toEqual({
      id: "drago",
      title: "After Moscow",
      author: "The Author",
      rating: "Mature",
      contentWarnings: ["Domestic violence", "Strong language"],
      tags: [],
      reactions: ["❤️", "😢", "😮", "😂", "🔥"],
      pageLength: 3000,
    });
    expect(story.parts).toEqual([
      {
        id: "authors-note",
        kind: "note",
        title: "Author's note",
        text: "A note.",
        file: "authors-note.md",
        line: 6,
      },
      { id: "blurb", kind: "blurb", title: "Blurb", text: "A blurb.", file: "blurb.md", line: 6 },
      {
        id: "new-york",
        kind: "scene",
        title: "New York",
        dateline: "December 26th 1985",
        place: "New York City",
        number: 1,
        text: 'His fist hit the wall…\n\n"Go," he said.',
        file: "scenes/001-new-york.md",
        line: 8,
      },
    ]);
  });

  it("reads the optional story keys", () => {
    const story = storyOf({
      "story.md": STORY.replace(
        /---\n$/,
        'tags: [Drama]\nreactions: ["👍🏽", "🇬🇧", "1️⃣"]\npage_length: 1200\n---\n',
      ),
    });
    expect(story.meta.tags).toEqual(["Drama"]);
    expect(story.meta.reactions).toEqual(["👍🏽", "🇬🇧", "1️⃣"]);
    expect(story.meta.pageLength).toBe(1200);
  });

  it("orders scenes naturally by file name and numbers them from 1", () => {
    const story = storyOf({
      "scenes/001-new-york.md": null,
      "scenes/10-ten.md": scene("ten"),
      "scenes/9-nine.md": scene("nine"),
      "scenes/1-one.md": scene("one"),
      "scenes/02-two.md": scene("two"),
    });
    const scenes = story.parts.filter((part) => part.kind === "scene");
    expect(scenes.map((part) => [part.number, part.id])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "nine"],
      [4, "ten"],
    ]);
  });

  it("adds a part for a new scene file, with nothing else edited", () => {
    const before = storyOf();
    const after = storyOf({ "scenes/002-moscow.md": scene("moscow", "place: Moscow, Russia\n") });
    expect(after.parts).toHaveLength(before.parts.length + 1);
    expect(after.parts.slice(0, -1)).toEqual(before.parts);
    expect(after.parts.at(-1)).toMatchObject({
      id: "moscow",
      kind: "scene",
      number: 2,
      place: "Moscow, Russia",
      file: "scenes/002-moscow.md",
    });
  });

  it("keeps the prose verbatim: only the blank lines around it go", () => {
    const body = "\n \n\t\n  Indented first line…  \r\n\r\nSecond – paragraph.  \n\n\n";
    const story = storyOf({ "scenes/001-new-york.md": scene("new-york", "", body) });
    expect(story.parts.at(-1)?.text).toBe("  Indented first line…  \r\n\r\nSecond – paragraph.  ");
  });

  it("accepts CRLF files and a UTF-8 byte order mark", () => {
    const crlf = `\u{FEFF}${SCENE.replace(/\n/g, "\r\n")}`;
    const story = storyOf({ "scenes/001-new-york.md": crlf });
    expect(story.parts.at(-1)).toMatchObject({
      id: "new-york",
      place: "New York City",
      text: 'His fist hit the wall…\r\n\r\n"Go," he said.',
    });
  });

  it("reads release_at with its offset and ignores dotfiles", () => {
    const story = storyOf({
      "scenes/001-new-york.md": scene("new-york", "release_at: 2026-01-09T18:00:00+01:00\n"),
      ".DS_Store": new Uint8Array([0, 255, 1]),
      "scenes/.gitkeep": "",
    });
    expect(story.parts.at(-1)?.releaseAt?.toISOString()).toBe("2026-01-09T17:00:00.000Z");
    expect(story.parts.at(-1)?.dateline).toBeUndefined();
  });
});

describe("parseStory warnings", () => {
  const pasted = `${SCENE}\n---\nid: moscow\ntitle: Moscow\nplace: Moscow, Russia\n---\n\nThe snow.\n`;

  function warningsOf(changes: Tree): readonly StoryProblem[] {
    const result = parseStory(files(changes));
    if (!result.ok) throw new Error(`Expected a story, got ${JSON.stringify(result.problems)}`);
    return result.warnings;
  }

  it("has none for a good story", () => {
    expect(warningsOf({})).toEqual([]);
  });

  it("warns about a second front matter block in the prose, and still reads the story", () => {
    const warnings = warningsOf({ "scenes/001-new-york.md": pasted });
    expect(warnings).toEqual([
      expect.objectContaining({ file: "scenes/001-new-york.md", line: 12 }),
    ]);
    expect(warnings[0]?.message).toContain("Lines 12 to 16 look like front matter");
    expect(warnings[0]?.fix).toContain("from line 12 on, into a file of its own");
    expect(warnings[0]?.fix).toContain("***");
    expect(storyOf({ "scenes/001-new-york.md": pasted }).parts.at(-1)?.text).toContain(
      "id: moscow",
    );
  });

  it("does not warn about scene breaks around lines that only look like `key: value`", () => {
    const breaks = `${SCENE}\n---\nMoscow: December 27th\n---\n\nThe snow.\n`;
    expect(warningsOf({ "scenes/001-new-york.md": breaks })).toEqual([]);
  });
});
