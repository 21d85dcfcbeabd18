import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseLibrary } from "../core/parseLibrary.js";
import type { Story, StoryFile, StoryProblem } from "../core/story.js";
import { StoryLoadError } from "./StoryLoadError.js";

/** A story folder that can be served, with what is worth a look in it (see `parseStory`). */
export interface LoadedLibrary {
  readonly stories: readonly [Story, ...Story[]];
  readonly warnings: readonly StoryProblem[];
}

/**
 * Reads every file under the story folder and checks it as a whole: one story at its top, or
 * one folder per story (see parseLibrary). Throws a StoryLoadError listing every problem when
 * the folder is missing or anything in it is wrong, so a story is served whole or not at all.
 */
export async function loadLibrary(dir: string): Promise<LoadedLibrary> {
  const problems: StoryProblem[] = [];
  const files = await readStoryFiles(dir, "", problems);
  if (files !== undefined) {
    const result = parseLibrary(files);
    if (!result.ok) problems.push(...result.problems);
    const [first, ...rest] = result.ok ? result.stories : [];
    if (first !== undefined && problems.length === 0) {
      return { stories: [first, ...rest], warnings: result.ok ? result.warnings : [] };
    }
  }
  throw new StoryLoadError(dir, problems);
}

/**
 * Every file below `dir`/`prefix`, with forward-slash paths relative to `dir`. Dot entries
 * (.git, .DS_Store, editor folders) are not read: the story format ignores them.
 * Returns undefined when the story folder itself cannot be read.
 */
async function readStoryFiles(
  dir: string,
  prefix: string,
  problems: StoryProblem[],
): Promise<StoryFile[] | undefined> {
  const folder = join(dir, prefix);
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(unreadable(prefix === "" ? "." : prefix, error, prefix === ""));
    return prefix === "" ? undefined : [];
  }
  const files: StoryFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      files.push(...((await readStoryFiles(dir, `${path}/`, problems)) ?? []));
      continue;
    }
    try {
      files.push({ path, bytes: new Uint8Array(await readFile(join(dir, path))) });
    } catch (error) {
      problems.push(unreadable(path, error, false));
    }
  }
  return files;
}

function unreadable(file: string, error: unknown, isStoryFolder: boolean): StoryProblem {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  if (isStoryFolder && code === "ENOENT") {
    return {
      file,
      message: "The story folder does not exist.",
      fix: "Create it with story.md, authors-note.md, blurb.md and scenes/, or point STORY_DIR at the folder that has them.",
    };
  }
  if (isStoryFolder && code === "ENOTDIR") {
    return {
      file,
      message: "The story folder is a file, not a folder.",
      fix: "Point STORY_DIR at the folder that holds story.md, authors-note.md, blurb.md and scenes/.",
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    file,
    message: `It could not be read (${reason}).`,
    fix: "Check that it exists and that the bot's user may read it.",
  };
}
