import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./tempDir.js";

/**
 * A copy of the real story (removed after the current test) whose drops get only ❤️ from the
 * bot, so a drop skips the 250 ms between reactions; its folder, for STORY_DIR.
 */
export function oneReactionStory(): string {
  const story = tempDir();
  cpSync("story", story, { recursive: true });
  const meta = join(story, "story.md");
  writeFileSync(meta, readFileSync(meta, "utf8").replace(/^reactions: .*$/m, 'reactions: ["❤️"]'));
  return story;
}
