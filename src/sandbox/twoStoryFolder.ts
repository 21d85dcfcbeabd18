import { type CopySyncOptions, cpSync } from "node:fs";
import { join } from "node:path";

/**
 * `npm run sandbox:two`: a story folder of two stories under `dataDir`, a folder each named
 * after its id: the seed story (`story/`, id drago) and the short tea fixture. They are copied,
 * links followed, so nothing the bot does there can reach the files they come from.
 */
export function twoStoryFolder(dataDir: string): string {
  const dir = join(dataDir, "stories");
  const copy: CopySyncOptions = { recursive: true, dereference: true };
  cpSync("story", join(dir, "drago"), copy);
  cpSync(join("test", "fixtures", "stories", "tea"), join(dir, "tea"), copy);
  return dir;
}
