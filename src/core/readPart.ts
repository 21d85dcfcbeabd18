import { FrontMatterFields } from "./FrontMatterFields.js";
import type { FrontMatter } from "./readFrontMatter.js";
import type { Part, PartKind, StoryProblem } from "./story.js";
import { suggestId } from "./suggestId.js";
import { trimBlankLines } from "./trimBlankLines.js";

export const PART_KEYS = {
  note: ["id", "title"],
  blurb: ["id", "title"],
  scene: ["id", "title", "dateline", "place", "release_at"],
} as const satisfies Record<PartKind, readonly string[]>;

const WHAT = {
  note: "author's note",
  blurb: "blurb",
  scene: "scene's text",
} as const satisfies Record<PartKind, string>;

export interface ReadPart {
  readonly part: Part;
  /** The line of the `id:` key, for problems found across files such as duplicate ids. */
  readonly idLine: number | undefined;
}

/**
 * Reads the author's note, the blurb or a scene (with its number, 1 for the first scene).
 * Problems are added to the list; the part is returned only when the file has none.
 */
export function readPart(
  kind: PartKind,
  file: string,
  frontMatter: Extract<FrontMatter, { found: true }>,
  problems: StoryProblem[],
  number?: number,
): ReadPart | undefined {
  const before = problems.length;
  const text = trimBlankLines(frontMatter.body);
  if (text.trim() === "") {
    problems.push({
      file,
      line: frontMatter.bodyLine,
      message: `The file has no ${WHAT[kind]} after its front matter.`,
      fix: `Write the ${WHAT[kind]} from line ${frontMatter.bodyLine} on, after the closing "---" line.`,
    });
  }
  if (frontMatter.entries === undefined) return undefined;
  const fields = new FrontMatterFields(file, frontMatter.entries, PART_KEYS[kind], problems);
  const examples = examplesFor(kind, file, number);
  const id = fields.id({ example: examples.id });
  const title = fields.text("title", { required: true, example: examples.title });
  const scene = kind === "scene" ? readSceneDetails(fields, number) : {};
  if (problems.length > before || id === undefined || title === undefined) return undefined;
  const blankLinesBefore = /^(?:[ \t]*\r?\n)*/.exec(frontMatter.body)?.[0] ?? "";
  const line = frontMatter.bodyLine + blankLinesBefore.split("\n").length - 1;
  return { part: { id, kind, title, ...scene, text, file, line }, idLine: fields.line("id") };
}

function readSceneDetails(
  fields: FrontMatterFields,
  number: number | undefined,
): Pick<Part, "dateline" | "place" | "number" | "releaseAt"> {
  const dateline = fields.text("dateline", { required: false, example: "December 26th 1985" });
  const place = fields.text("place", { required: false, example: "New York City" });
  const releaseAt = fields.dateTime("release_at", {
    required: false,
    example: "2026-01-09T18:00:00+01:00",
  });
  return {
    ...(dateline === undefined ? {} : { dateline }),
    ...(place === undefined ? {} : { place }),
    ...(number === undefined ? {} : { number }),
    ...(releaseAt === undefined ? {} : { releaseAt }),
  };
}

function examplesFor(kind: PartKind, file: string, number: number | undefined) {
  if (kind === "note") return { id: "authors-note", title: "Author's note" };
  if (kind === "blurb") return { id: "blurb", title: "Blurb" };
  const id = suggestId(file, `scene-${number ?? 1}`);
  const words = id.replace(/-/g, " ");
  return { id, title: `${words.charAt(0).toUpperCase()}${words.slice(1)}` };
}
