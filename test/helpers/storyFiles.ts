import { expect } from "vitest";
import { parseStory } from "../../src/core/parseStory.js";
import type { Story, StoryFile, StoryProblem } from "../../src/core/story.js";

/** The minimal story's files, as parseStory takes them, and ways to change them in a test. */
export const STORY = `---
id: drago
title: After Moscow
author: The Author
rating: Mature
content_warnings: [Domestic violence, Strong language]
---
`;
export const NOTE = "---\nid: authors-note\ntitle: Author's note\n---\n\nA note.\n";
export const BLURB = "---\nid: blurb\ntitle: Blurb\n---\n\nA blurb.\n";
export const SCENE = `---
id: new-york
title: New York
dateline: December 26th 1985
place: New York City
---

His fist hit the wall…

"Go," he said.
`;

export type Tree = Readonly<Record<string, string | Uint8Array | null>>;

export const MINIMAL: Tree = {
  "story.md": STORY,
  "authors-note.md": NOTE,
  "blurb.md": BLURB,
  "scenes/001-new-york.md": SCENE,
};

/** The minimal story with some files replaced, added, or removed (null). */
export function files(changes: Tree = {}): StoryFile[] {
  const tree: Tree = { ...MINIMAL, ...changes };
  return Object.entries(tree).flatMap(([path, content]) =>
    content === null
      ? []
      : [
          {
            path,
            bytes: typeof content === "string" ? new TextEncoder().encode(content) : content,
          },
        ],
  );
}

export function scene(id: string, frontMatter = "", body = "Some prose.\n"): string {
  return `---\nid: ${id}\ntitle: ${id}\n${frontMatter}---\n\n${body}`;
}

export function storyOf(changes: Tree = {}): Story {
  const result = parseStory(files(changes));
  if (!result.ok) throw new Error(`Expected a story, got ${JSON.stringify(result.problems)}`);
  return result.story;
}

export function problemsOf(changes: Tree): StoryProblem[] {
  const result = parseStory(files(changes));
  if (result.ok) throw new Error("Expected problems, but the story parsed");
  return result.problems;
}

/** The one problem the change causes. */
export function problemOf(changes: Tree): StoryProblem {
  const problems = problemsOf(changes);
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  if (problem === undefined) throw new Error("unreachable");
  return problem;
}
