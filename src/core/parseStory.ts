import { checkCharacters } from "./checkCharacters.js";
import { compareNatural } from "./compareNatural.js";
import { compareProblems } from "./compareProblems.js";
import { decodeUtf8 } from "./decodeUtf8.js";
import { pastedFrontMatter } from "./pastedFrontMatter.js";
import { readFrontMatter } from "./readFrontMatter.js";
import { type ReadPart, readPart } from "./readPart.js";
import { readStoryMeta } from "./readStoryMeta.js";
import type { PartKind, Story, StoryFile, StoryMeta, StoryProblem } from "./story.js";
import { type KeyLine, storyLimitProblems } from "./storyLimitProblems.js";
import { suggestId } from "./suggestId.js";

/**
 * The story, or every problem that keeps it from being served. Warnings are things worth a look
 * that may well be meant (e.g. what looks like a second front matter inside a scene).
 */
export type ParseStoryResult =
  | { readonly ok: true; readonly story: Story; readonly warnings: StoryProblem[] }
  | { readonly ok: false; readonly problems: StoryProblem[] };

export const STORY_FILE = "story.md";
export const NOTE_FILE = "authors-note.md";
export const BLURB_FILE = "blurb.md";
export const SCENES_FOLDER = "scenes/";

const MISSING_FIX: Readonly<Record<string, string>> = {
  [STORY_FILE]:
    "Create story.md holding only front matter: id, title, author, rating and content_warnings (tags, reactions and page_length are optional).",
  [NOTE_FILE]:
    "Create authors-note.md with front matter `id: authors-note` and `title: Author's note`, then the note.",
  [BLURB_FILE]: "Create blurb.md with front matter `id: blurb` and `title: Blurb`, then the blurb.",
};

/**
 * Checks and reads the files of a story folder (paths relative to it): story.md, authors-note.md,
 * blurb.md and the scenes in scenes/, ordered by file name with numbers counted naturally.
 * Dotfiles are skipped. Pure: every problem (or, for a good story, every warning) is collected
 * and returned, sorted by file and line.
 */
export function parseStory(files: readonly StoryFile[]): ParseStoryResult {
  const problems: StoryProblem[] = [];
  const warnings: StoryProblem[] = [];
  const keyLines = new Map<string, ReadonlyMap<string, number>>();
  const present = new Set<string>();
  const texts = new Map<string, string>();
  for (const file of files) {
    if (file.path.split("/").some((segment) => segment.startsWith("."))) continue;
    const misplaced = placementProblem(file.path);
    if (misplaced) {
      problems.push(misplaced);
      continue;
    }
    present.add(file.path);
    const decoded = decodeUtf8(file.bytes);
    if (decoded.ok) {
      const characterProblems = checkCharacters(file.path, decoded.text);
      if (characterProblems.length === 0) texts.set(file.path, decoded.text);
      problems.push(...characterProblems);
    } else {
      problems.push({
        file: file.path,
        line: decoded.line,
        message: `The file is not UTF-8 text (the first bad byte is on line ${decoded.line}).`,
        fix: "Re-save it as UTF-8 (in most editors: Save As, then Encoding: UTF-8), and check the characters on that line.",
      });
    }
  }
  for (const path of [STORY_FILE, NOTE_FILE, BLURB_FILE]) {
    if (!present.has(path)) {
      problems.push({
        file: path,
        message: `The story folder has no ${path}.`,
        fix: MISSING_FIX[path] ?? "Create it.",
      });
    }
  }
  const scenePaths = [...present]
    .filter((path) => path.startsWith(SCENES_FOLDER))
    .sort(compareNatural);
  if (scenePaths.length === 0) {
    problems.push({
      file: SCENES_FOLDER,
      message: "The story has no scenes: scenes/ has no .md files.",
      fix: "Add the first scene as scenes/001-<name>.md: front matter with id, title, dateline and place, then the prose.",
    });
  }

  const frontMatterOf = (path: string) => {
    const text = texts.get(path);
    if (text === undefined) return undefined;
    const frontMatter = readFrontMatter(path, text);
    if (!frontMatter.found) {
      problems.push(frontMatter.problem);
      return undefined;
    }
    problems.push(...frontMatter.problems);
    keyLines.set(path, new Map(frontMatter.entries?.map((entry) => [entry.key, entry.line])));
    return frontMatter;
  };
  const partOf = (kind: PartKind, path: string, number?: number): ReadPart | undefined => {
    const frontMatter = frontMatterOf(path);
    if (frontMatter === undefined) return undefined;
    warnings.push(...pastedFrontMatter(path, frontMatter.body, frontMatter.bodyLine));
    return readPart(kind, path, frontMatter, problems, number);
  };
  const storyFrontMatter = frontMatterOf(STORY_FILE);
  const meta = storyFrontMatter && readStoryMeta(STORY_FILE, storyFrontMatter, problems);
  const note = partOf("note", NOTE_FILE);
  const blurb = partOf("blurb", BLURB_FILE);
  const scenes = scenePaths.map((path, index) => partOf("scene", path, index + 1));

  const parts = [note, blurb, ...scenes];
  checkUniqueIds(parts, problems);
  return finish(meta, parts, problems, warnings, (file, key) => keyLines.get(file)?.get(key));
}

function finish(
  meta: StoryMeta | undefined,
  parts: readonly (ReadPart | undefined)[],
  problems: StoryProblem[],
  warnings: StoryProblem[],
  keyLine: KeyLine,
): ParseStoryResult {
  const read = parts.flatMap((part) => (part ? [part.part] : []));
  if (problems.length > 0 || meta === undefined || read.length !== parts.length) {
    return { ok: false, problems: problems.sort(compareProblems) };
  }
  const story = { meta, parts: read };
  const tooLong = storyLimitProblems(story, STORY_FILE, keyLine);
  if (tooLong.length > 0) return { ok: false, problems: tooLong.sort(compareProblems) };
  return { ok: true, story, warnings: warnings.sort(compareProblems) };
}

function checkUniqueIds(parts: readonly (ReadPart | undefined)[], problems: StoryProblem[]): void {
  const owners = new Map<string, string>();
  for (const read of parts) {
    if (read === undefined) continue;
    const { id, file } = read.part;
    const owner = owners.get(id);
    if (owner === undefined) {
      owners.set(id, file);
      continue;
    }
    let unused = suggestId(file, id);
    for (let n = 2; owners.has(unused) || unused === id; n += 1) unused = `${id.slice(0, 29)}-${n}`;
    problems.push({
      file,
      line: read.idLine,
      message: `The id "${id}" is already used by ${owner}; every part needs its own id.`,
      fix: `Give ${file} another id, e.g. \`id: ${unused}\` (keep the id of the part readers already know).`,
    });
  }
}

function placementProblem(path: string): StoryProblem | undefined {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (!path.endsWith(".md")) {
    const rename = /\.(markdown|mdown|txt|md)$/i.test(path) ? ", or rename it to end in .md" : "";
    return {
      file: path,
      message: `${path} is not a Markdown (.md) file, and every file in the story folder is read as part of the story.`,
      fix: `Move it out of the story folder${rename}.`,
    };
  }
  if (!path.includes("/")) {
    if ([STORY_FILE, NOTE_FILE, BLURB_FILE].includes(path)) return undefined;
    return {
      file: path,
      message: `${path} is not one of the story's own files (${STORY_FILE}, ${NOTE_FILE}, ${BLURB_FILE}).`,
      fix: `If it is a scene, move it into scenes/ (e.g. scenes/${name}); otherwise move it out of the story folder.`,
    };
  }
  if (path.startsWith(SCENES_FOLDER) && !path.slice(SCENES_FOLDER.length).includes("/")) {
    return undefined;
  }
  return {
    file: path,
    message: path.startsWith(SCENES_FOLDER)
      ? `${path} is in a subfolder of scenes/, but scene files must be directly inside scenes/.`
      : `${path} is in a folder the story does not use; scenes go directly inside scenes/.`,
    fix: `Move it to scenes/${name} if it is a scene, or out of the story folder.`,
  };
}
