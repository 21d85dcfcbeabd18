import type { Part, Story } from "../../src/core/story.js";

export interface SceneSpec {
  readonly id: string;
  readonly text: string;
  readonly title?: string;
}

/** A small story built in code: a note, a blurb and the given scenes. */
export function storyFixture(scenes: readonly SceneSpec[], pageLength = 500): Story {
  const note: Part = {
    id: "authors-note",
    kind: "note",
    title: "Author's note",
    text: "A note from the author.",
    file: "authors-note.md",
    line: 5,
  };
  const blurb: Part = {
    id: "blurb",
    kind: "blurb",
    title: "Blurb",
    text: "What the story is about.",
    file: "blurb.md",
    line: 5,
  };
  const parts: Part[] = scenes.map((scene, index) => ({
    id: scene.id,
    kind: "scene",
    title: scene.title ?? `Scene ${index + 1}`,
    dateline: "December 26th 1985",
    place: `Place ${index + 1}`,
    number: index + 1,
    text: scene.text,
    file: `scenes/${String(index + 1).padStart(3, "0")}-${scene.id}.md`,
    line: 7,
  }));
  return {
    meta: {
      id: "fixture",
      title: "Fixture Story",
      author: "Test Author",
      rating: "Mature",
      contentWarnings: ["Domestic violence", "Strong language", "Drug use"],
      tags: ["Test"],
      reactions: ["❤️", "😢"],
      pageLength,
    },
    parts: [note, blurb, ...parts],
  };
}

/** Paragraphs of distinct, numbered sentences, so any lost or repeated text shows. */
export function prose(paragraphs: number, sentencesEach: number, tag: string): string {
  return Array.from({ length: paragraphs }, (_, p) =>
    Array.from(
      { length: sentencesEach },
      (_, s) => `${tag} paragraph ${p + 1} sentence ${s + 1} goes on for a little while.`,
    ).join(" "),
  ).join("\n\n");
}
