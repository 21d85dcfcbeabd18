import type { StoryProblem } from "../core/story.js";
import { formatStoryProblems } from "./formatStoryProblems.js";

/** The story folder cannot be served; the message lists every problem with its file and line. */
export class StoryLoadError extends Error {
  override readonly name = "StoryLoadError";
  readonly dir: string;
  readonly problems: readonly StoryProblem[];

  constructor(dir: string, problems: readonly StoryProblem[]) {
    const one = problems.length === 1;
    super(
      [
        `The story in ${dir} has ${one ? "a problem" : `${problems.length} problems`}.`,
        `The bot did not start and serves nothing until ${one ? "it is" : "they are"} fixed:`,
        formatStoryProblems(dir, problems),
      ].join("\n"),
    );
    this.dir = dir;
    this.problems = problems;
  }
}
