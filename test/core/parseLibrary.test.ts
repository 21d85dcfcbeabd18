import { describe, expect, it } from "vitest";
import { parseLibrary } from "../../src/core/parseLibrary.js";
import type { StoryFile, StoryProblem } from "../../src/core/story.js";
import { BLURB, files, NOTE, SCENE, STORY } from "../helpers/storyFiles.js";

/** A second story, "tea", whose parts have ids of their own. */
const TEA: Record<string, string> = {
  "story.md": STORY.replace("id: drago", "id: tea").replace("After Moscow", "Tea at Four"),
  "authors-note.md": NOTE.replace("id: authors-note", "id: tea-note"),
  "blurb.md": BLURB.replace("id: blurb", "id: tea-blurb"),
  "scenes/001-kettle.md": SCENE.replace("id: new-york", "id: kettle"),
};

/** Files of several stories, each in the folder named by its key. */
function library(stories: Record<string, Record<string, string>>): StoryFile[] {
  return Object.entries(stories).flatMap(([folder, tree]) =>
    Object.entries(tree).map(([path, text]) => ({
      path: `${folder}/${path}`,
      bytes: new TextEncoder().encode(text),
    })),
  );
}

const DRAGO: Record<string, string> = Object.fromEntries(
  files().map((file) => [file.path, new TextDecoder().decode(file.bytes)]),
);

function problemsOf(input: StoryFile[]): StoryProblem[] {
  const result = parseLibrary(input);
  if (result.ok) throw new Error("Expected problems, but the library parsed");
  return result.problems;
}

describe("parseLibrary", () => {
  it("reads a folder with story.md at its top as one story, as it always could", () => {
    const result = parseLibrary(files());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.stories.map((story) => story.meta.id)).toEqual(["drago"]);
    expect(result.stories[0]?.parts.map((part) => part.file)).toEqual([
      "authors-note.md",
      "blurb.md",
      "scenes/001-new-york.md",
    ]);
  });

  it("reads one story per folder, in folder order, with paths from the story folder", () => {
    const result = parseLibrary(library({ tea: TEA, drago: DRAGO }));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.stories.map((story) => story.meta.title)).toEqual([
      "After Moscow",
      "Tea at Four",
    ]);
    expect(result.stories[1]?.parts.map((part) => part.file)).toEqual([
      "tea/authors-note.md",
      "tea/blurb.md",
      "tea/scenes/001-kettle.md",
    ]);
  });

  it("names a problem in one story by its path from the story folder", () => {
    const problems = problemsOf(
      library({ drago: DRAGO, tea: { ...TEA, "scenes/001-kettle.md": "no front matter\n" } }),
    );
    expect(problems.map((problem) => problem.file)).toEqual(["tea/scenes/001-kettle.md"]);
  });

  it("refuses a part id another story has, at its id line, with an id that is free", () => {
    const problems = problemsOf(library({ drago: DRAGO, tea: { ...TEA, "blurb.md": BLURB } }));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "tea/blurb.md",
        line: 2,
        message: expect.stringContaining('"blurb" is already used by drago/blurb.md'),
        fix: expect.stringContaining("`id: tea-blurb`"),
      }),
    ]);
  });

  it("refuses a story whose folder is not named after its id", () => {
    const problems = problemsOf(library({ drago: DRAGO, teas: TEA }));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "teas/story.md",
        fix: expect.stringContaining("Rename the folder to tea/"),
      }),
    ]);
  });

  it("refuses a folder without story.md and a file beside the stories' folders", () => {
    const input = [
      ...library({ drago: DRAGO, notes: { "ideas.md": "An idea.\n" } }),
      { path: "todo.md", bytes: new TextEncoder().encode("Write.\n") },
      { path: ".DS_Store", bytes: new Uint8Array([0]) },
    ];
    expect(problemsOf(input).map((problem) => problem.file)).toEqual(["notes/", "todo.md"]);
  });

  it("says so when the folder holds nothing", () => {
    expect(problemsOf([])).toEqual([
      expect.objectContaining({ file: ".", message: expect.stringContaining("holds no story") }),
    ]);
  });
});
