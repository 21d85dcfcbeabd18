import type { StoryProblem } from "../core/story.js";
import type { Logger } from "../logger.js";

/** Logs what is worth a look in a story folder that loaded, one line per warning. */
export function logStoryWarnings(
  log: Logger,
  storyDir: string,
  warnings: readonly StoryProblem[],
): void {
  for (const { file, line, message, fix } of warnings) {
    log.warn({ storyDir, file, line, fix }, `story: ${message}`);
  }
}
