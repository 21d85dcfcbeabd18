import { twoStoryFolder } from "../../src/sandbox/twoStoryFolder.js";
import { tempDir } from "./tempDir.js";

/**
 * A story folder of two stories, a folder each: the seed story (drago) and the tea fixture, as
 * `npm run sandbox:two` serves them.
 */
export function twoStories(): string {
  return twoStoryFolder(tempDir());
}
