import { compareNatural } from "./compareNatural.js";
import { compareProblems } from "./compareProblems.js";
import { parseStory, STORY_FILE } from "./parseStory.js";
import type { Part, Story, StoryFile, StoryProblem } from "./story.js";

/**
 * The stories of a story folder, in folder order, or every problem that keeps them from being
 * served; warnings as parseStory gives them, with paths from the story folder.
 */
export type ParseLibraryResult =
  | { readonly ok: true; readonly stories: Story[]; readonly warnings: StoryProblem[] }
  | { readonly ok: false; readonly problems: StoryProblem[] };

/** The line of an `id:` key, found without parsing: for a problem about a part read fine. */
const ID_LINE = /^id\s*:/;

/**
 * Reads a story folder that holds one story (`story.md` at its top, as it always could) or
 * several, one folder each (`<story-id>/story.md`, with its notes, blurb and `scenes/`). Each
 * story is read by parseStory; its paths in every problem and part are from the story folder.
 * Ids are unique across the whole folder: no two stories share an id, no two parts either, and
 * a story's folder is named after its id. Dotfiles are skipped.
 */
export function parseLibrary(files: readonly StoryFile[]): ParseLibraryResult {
  const visible = files.filter(
    (file) => !file.path.split("/").some((segment) => segment.startsWith(".")),
  );
  if (visible.some((file) => file.path === STORY_FILE)) {
    const result = parseStory(visible);
    return result.ok
      ? { ok: true, stories: [result.story], warnings: result.warnings }
      : { ok: false, problems: result.problems };
  }
  const problems: StoryProblem[] = [];
  const warnings: StoryProblem[] = [];
  const folders = new Map<string, StoryFile[]>();
  for (const file of visible) {
    const slash = file.path.indexOf("/");
    if (slash < 0) {
      problems.push({
        file: file.path,
        message: `${file.path} is in the story folder itself, which holds either one story (with its ${STORY_FILE}) or one folder per story.`,
        fix: `Move it into the folder of the story it belongs to (e.g. <story-id>/${file.path}), or out of the story folder.`,
      });
      continue;
    }
    const folder = file.path.slice(0, slash);
    const inside = { path: file.path.slice(slash + 1), bytes: file.bytes };
    folders.set(folder, [...(folders.get(folder) ?? []), inside]);
  }
  const stories: Story[] = [];
  for (const folder of [...folders.keys()].sort(compareNatural)) {
    const inside = folders.get(folder) ?? [];
    const from = (problem: StoryProblem) => ({ ...problem, file: `${folder}/${problem.file}` });
    if (!inside.some((file) => file.path === STORY_FILE)) {
      problems.push({
        file: `${folder}/`,
        message: `${folder}/ has no ${STORY_FILE}, so it is no story; the story folder holds one folder per story.`,
        fix: `Add ${folder}/${STORY_FILE} with the story's details (its id: ${folder}), or move ${folder}/ out of the story folder.`,
      });
      continue;
    }
    const result = parseStory(inside);
    if (!result.ok) {
      problems.push(...result.problems.map(from));
      continue;
    }
    warnings.push(...result.warnings.map(from));
    const story = {
      meta: result.story.meta,
      parts: result.story.parts.map((part) => ({ ...part, file: `${folder}/${part.file}` })),
    };
    if (story.meta.id !== folder) {
      problems.push({
        file: `${folder}/${STORY_FILE}`,
        message: `The story's id is "${story.meta.id}", but its folder is ${folder}/: a story's folder is named after its id.`,
        fix: `Rename the folder to ${story.meta.id}/ (or, if no one reads it yet, set \`id: ${folder}\`).`,
      });
    }
    stories.push(story);
  }
  if (folders.size === 0 && problems.length === 0) {
    problems.push({
      file: ".",
      message: `The story folder holds no story: no ${STORY_FILE}, and no folder with one.`,
      fix: `Put one story's files (${STORY_FILE}, authors-note.md, blurb.md, scenes/) in it, or one folder per story with those files.`,
    });
  }
  problems.push(...duplicateIds(stories, files));
  return problems.length > 0
    ? { ok: false, problems: problems.sort(compareProblems) }
    : { ok: true, stories, warnings: warnings.sort(compareProblems) };
}

/** A part whose id another story's part has (stories' own ids are their folders': unique). */
function duplicateIds(stories: readonly Story[], files: readonly StoryFile[]): StoryProblem[] {
  const owners = new Map<string, string>();
  const problems: StoryProblem[] = [];
  for (const part of stories.flatMap((story) => story.parts)) {
    const owner = owners.get(part.id);
    if (owner === undefined) {
      owners.set(part.id, part.file);
      continue;
    }
    const bytes = files.find((file) => file.path === part.file)?.bytes;
    const lines = bytes === undefined ? [] : new TextDecoder().decode(bytes).split("\n");
    const line = lines.findIndex((text) => ID_LINE.test(text)) + 1;
    problems.push({
      file: part.file,
      ...(line > 0 ? { line } : {}),
      message: `The id "${part.id}" is already used by ${owner}; ids are unique across every story in the folder.`,
      fix: `Give ${part.file} another id, e.g. \`id: ${otherId(part)}\` (keep the id of the part readers already know).`,
    });
  }
  return problems;
}

/** The part's id after its story's, within the 32 characters an id may have. */
function otherId(part: Part): string {
  const story = part.file.slice(0, part.file.indexOf("/"));
  return `${story}-${part.id}`.slice(0, 32).replace(/-+$/, "");
}
