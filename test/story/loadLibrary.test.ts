import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { Part, Story } from "../../src/core/story.js";
import { formatStoryProblems } from "../../src/story/formatStoryProblems.js";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { StoryLoadError } from "../../src/story/StoryLoadError.js";

const ROOT = new URL("../..", import.meta.url);
const STORY_DIR = fileURLToPath(new URL("story", ROOT));
const SEED = fileURLToPath(new URL("../shared/seed/000_a5910d724416da92.txt", ROOT));

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "discord-serial-story-"));
  temps.push(dir);
  return dir;
}

/** A copy of the real story folder, with some files written over it. */
async function storyCopy(changes: Readonly<Record<string, string | Uint8Array>> = {}) {
  const dir = join(await tempDir(), "story");
  await cp(STORY_DIR, dir, { recursive: true });
  for (const [path, content] of Object.entries(changes)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function loadError(dir: string): Promise<StoryLoadError> {
  const error: unknown = await loadLibrary(dir).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof StoryLoadError))
    throw new Error(`Expected a StoryLoadError, got ${String(error)}`);
  return error;
}

function scenes(story: Story): Part[] {
  return story.parts.filter((part) => part.kind === "scene");
}

describe("loadLibrary", () => {
  it("loads the story folder of the repository", async () => {
    const {
      stories: [story],
      warnings,
    } = await loadLibrary(STORY_DIR);
    expect(warnings).toEqual([]);
    expect(story.meta).toMatchObject({
      id: "drago",
      rating: "Mature",
      contentWarnings: ["Domestic violence", "Strong language", "Drug use"],
      reactions: ["❤️", "😢", "😮", "😂", "🔥"],
      pageLength: 3000,
    });
    expect(story.parts.map((part) => [part.kind, part.id, part.file, part.number])).toEqual([
      ["note", "authors-note", "authors-note.md", undefined],
      ["blurb", "blurb", "blurb.md", undefined],
      ["scene", "new-york", "scenes/001-new-york.md", 1],
      ["scene", "moscow", "scenes/002-moscow.md", 2],
    ]);
    expect(scenes(story).map((part) => [part.dateline, part.place])).toEqual([
      ["December 26th 1985", "New York City"],
      ["December 26th 1985", "Moscow, Russia"],
    ]);
  });

  it.skipIf(!existsSync(SEED))("keeps the seed's prose byte for byte", async () => {
    const [story] = (await loadLibrary(STORY_DIR)).stories;
    const [note, blurb] = story.parts;
    const rebuilt = [
      note?.text,
      blurb?.text,
      scenes(story)
        .map((part) => [part.dateline, part.place, part.text].join("\n\n"))
        .join("\n\n"),
    ].join("\n\n\n");
    const seed = await readFile(SEED);
    expect(rebuilt).toBe(seed.toString("utf8"));
    expect(Buffer.from(rebuilt, "utf8").equals(seed)).toBe(true);
  });

  it("adds a scene when one file is added to scenes/, and ignores dotfiles", async () => {
    const dir = await storyCopy({
      "scenes/003-philadelphia.md":
        "---\nid: philadelphia\ntitle: Philadelphia\ndateline: January 2nd 1986\nplace: Philadelphia\n---\n\nThe gym smelled of sweat.\n",
      ".DS_Store": new Uint8Array([0, 0, 0, 1, 255]),
      ".git/HEAD": "ref: refs/heads/main\n",
    });
    const [story] = (await loadLibrary(dir)).stories;
    expect(scenes(story).map((part) => [part.number, part.id])).toEqual([
      [1, "new-york"],
      [2, "moscow"],
      [3, "philadelphia"],
    ]);
  });

  it("loads a story kept in a folder of its own, with paths from the story folder", async () => {
    const dir = join(await tempDir(), "stories");
    await cp(STORY_DIR, join(dir, "drago"), { recursive: true });
    const [story] = (await loadLibrary(dir)).stories;
    expect(story.meta.id).toBe("drago");
    expect(scenes(story)[0]?.file).toBe("drago/scenes/001-new-york.md");
  });

  it("loads a folder of several stories in the folder's order, each with its own parts", async () => {
    const dir = join(await tempDir(), "stories");
    await cp(STORY_DIR, join(dir, "drago"), { recursive: true });
    await cp(STORY_DIR, join(dir, "tea"), { recursive: true });
    const tea = join(dir, "tea");
    await writeFile(
      join(tea, "story.md"),
      (await readFile(join(tea, "story.md"), "utf8")).replace("id: drago", "id: tea"),
    );
    for (const file of [
      "authors-note.md",
      "blurb.md",
      "scenes/001-new-york.md",
      "scenes/002-moscow.md",
    ]) {
      const text = await readFile(join(tea, file), "utf8");
      await writeFile(join(tea, file), text.replace(/^id: (.*)$/m, "id: tea-$1"));
    }
    const { stories } = await loadLibrary(dir);
    expect(stories.map((story) => story.meta.id)).toEqual(["drago", "tea"]);
    expect(stories[1]?.parts.find((part) => part.kind === "scene")).toMatchObject({
      id: "tea-new-york",
      file: "tea/scenes/001-new-york.md",
    });
  });

  it("hands on the warnings of a story it loads", async () => {
    const blurb = "---\nid: blurb\ntitle: Blurb\n---\n\nA blurb.\n\n---\nid: more\n---\n";
    const {
      stories: [story],
      warnings,
    } = await loadLibrary(await storyCopy({ "blurb.md": blurb }));
    expect(story.parts[1]?.text).toContain("id: more");
    expect(warnings).toEqual([expect.objectContaining({ file: "blurb.md", line: 8 })]);
    expect(formatStoryProblems("story", warnings)).toMatch(
      /^story\/blurb\.md:8: Lines 8 to 10 look like front matter .* Fix: If they begin another scene/,
    );
  });

  it("reports a file on disk that is not UTF-8", async () => {
    const latin1 = Buffer.concat([
      Buffer.from("---\nid: blurb\ntitle: Blurb\n---\n\nCaf", "utf8"),
      Buffer.from([0xe9]),
      Buffer.from(" au lait.\n", "utf8"),
    ]);
    const dir = await storyCopy({ "blurb.md": latin1 });
    const error = await loadError(dir);
    expect(error.problems).toEqual([expect.objectContaining({ file: "blurb.md", line: 6 })]);
    expect(error.message).toContain(`${dir}/blurb.md:6: The file is not UTF-8 text`);
    expect(error.message).toContain("Fix: Re-save it as UTF-8");
  });

  it("reports a missing story folder", async () => {
    const dir = join(await tempDir(), "no-such-story");
    const error = await loadError(dir);
    expect(error.problems).toEqual([expect.objectContaining({ file: "." })]);
    expect(error.message).toBe(
      [
        `The story in ${dir} has a problem.`,
        "The bot did not start and serves nothing until it is fixed:",
        `${dir}: The story folder does not exist. Fix: Create it with story.md, authors-note.md, blurb.md and scenes/, or point STORY_DIR at the folder that has them.`,
      ].join("\n"),
    );
  });

  it("lists every problem as folder/file:line: message Fix: fix", async () => {
    const dir = await storyCopy({
      "scenes/002-moscow.md": (
        await readFile(join(STORY_DIR, "scenes/002-moscow.md"), "utf8")
      ).replace("title: Moscow", "titel: Moscow"),
      "blurb.md": "---\nid: blurb\ntitle: Blurb\n---\n\n",
      "notes.txt": "remember the gym scene",
    });
    const error = await loadError(dir);
    expect(error.message.split("\n")).toEqual([
      `The story in ${dir} has 3 problems.`,
      "The bot did not start and serves nothing until they are fixed:",
      `${dir}/blurb.md:5: The file has no blurb after its front matter. Fix: Write the blurb from line 5 on, after the closing "---" line.`,
      `${dir}/notes.txt: notes.txt is not a Markdown (.md) file, and every file in the story folder is read as part of the story. Fix: Move it out of the story folder, or rename it to end in .md.`,
      `${dir}/scenes/002-moscow.md:3: Unknown key "titel". Fix: Did you mean "title"? The keys allowed in this file are: id, title, dateline, place, release_at.`,
    ]);
    expect(formatStoryProblems("story/", error.problems).split("\n")[2]).toMatch(
      /^story\/scenes\/002-moscow\.md:3: Unknown key "titel"\. Fix: /,
    );
  });
});
