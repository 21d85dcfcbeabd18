import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../helpers/harness.js";
import { tempDir } from "../helpers/tempDir.js";

let h: Harness;

afterEach(async () => {
  await h.close();
});

describe("the story's warnings", () => {
  it("are logged at warn level at start-up, each with its file, line and fix", async () => {
    const story = tempDir();
    cpSync("story", story, { recursive: true });
    writeFileSync(
      join(story, "blurb.md"),
      "---\nid: blurb\ntitle: Blurb\n---\n\nA blurb.\n\n---\nid: more\n---\n",
    );
    h = await startHarness({ STORY_DIR: story }, {}, { logLevel: "warn" });
    const lines = h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => String(line.msg).startsWith("story: "))).toEqual([
      expect.objectContaining({
        level: 40,
        msg: expect.stringMatching(/^story: Lines 8 to 10 look like front matter/),
        storyDir: story,
        file: "blurb.md",
        line: 8,
        fix: expect.stringContaining("mark the scene breaks around them with ***"),
      }),
    ]);
  });
});
