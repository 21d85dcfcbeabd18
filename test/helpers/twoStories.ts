import { cpSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./tempDir.js";

/** A story folder of two stories, a folder each: the seed story (drago) and the tea fixture. */
export function twoStories(): string {
  const dir = join(tempDir(), "stories");
  cpSync("story", join(dir, "drago"), { recursive: true });
  cpSync(join("test", "fixtures", "stories", "tea"), join(dir, "tea"), { recursive: true });
  return dir;
}
