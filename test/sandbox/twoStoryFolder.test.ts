import { lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { twoStoryFolder } from "../../src/sandbox/twoStoryFolder.js";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { tempDir } from "../helpers/tempDir.js";

describe("twoStoryFolder", () => {
  it("copies the seed story and the tea fixture into a folder each, served as drago and tea", async () => {
    const dir = twoStoryFolder(tempDir());
    const { stories } = await loadLibrary(dir);
    expect(stories.map((story) => story.meta.id)).toEqual(["drago", "tea"]);
    expect(readdirSync(dir)).toEqual(["drago", "tea"]);
    for (const story of ["drago", "tea"]) {
      expect(lstatSync(join(dir, story)).isSymbolicLink()).toBe(false);
      expect(lstatSync(join(dir, story, "story.md")).isSymbolicLink()).toBe(false);
    }
  });

  it("leaves the files it copied alone when the copy is written to", () => {
    const originals = [
      join("story", "blurb.md"),
      join("test", "fixtures", "stories", "tea", "blurb.md"),
    ];
    const before = originals.map((file) => readFileSync(file, "utf8"));
    const dir = twoStoryFolder(tempDir());
    for (const story of ["drago", "tea"]) writeFileSync(join(dir, story, "blurb.md"), "Changed.");
    expect(originals.map((file) => readFileSync(file, "utf8"))).toEqual(before);
  });
});
