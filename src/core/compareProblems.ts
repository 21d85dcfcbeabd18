import { compareNatural } from "./compareNatural.js";
import type { StoryProblem } from "./story.js";

/** Orders story problems by file (numbers counted naturally), then line. */
export function compareProblems(a: StoryProblem, b: StoryProblem): number {
  return compareNatural(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0);
}
