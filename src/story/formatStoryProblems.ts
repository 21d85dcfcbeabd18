import type { StoryProblem } from "../core/story.js";

/**
 * One line per problem, as `folder/file:line: message Fix: fix`, e.g.
 * `story/scenes/002-moscow.md:3: Unknown key "titel". Fix: Did you mean "title"? ...`.
 * A problem with the folder itself (file ".") is shown as the folder alone.
 */
export function formatStoryProblems(dir: string, problems: readonly StoryProblem[]): string {
  const folder = dir.replace(/[\\/]+$/, "") || dir;
  return problems
    .map((problem) => {
      const file = problem.file === "." ? folder : `${folder}/${problem.file}`;
      const where = problem.line === undefined ? file : `${file}:${problem.line}`;
      return `${where}: ${problem.message} Fix: ${problem.fix}`;
    })
    .join("\n");
}
