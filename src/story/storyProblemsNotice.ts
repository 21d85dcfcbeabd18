import type { StoryProblem } from "../core/story.js";
import { formatStoryProblems } from "./formatStoryProblems.js";

/** Discord's limit on a message's content, less room for the warning sign it is sent with. */
const ROOM = 1900;

/**
 * The words that tell the authors a change to the story folder was refused: every problem by
 * file and line, as many as fit in one message, and that the version loaded before is served.
 */
export function storyProblemsNotice(storyDir: string, problems: readonly StoryProblem[]): string {
  const head = `The story folder changed, but it has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}, so I kept serving the version I had. Fix ${problems.length === 1 ? "it" : "them"} and save again (or /serial reload):`;
  const lines = formatStoryProblems(storyDir, problems).split("\n");
  let text = head;
  for (const [index, line] of lines.entries()) {
    const more = `\n…and ${lines.length - index} more: /serial status lists them.`;
    if (text.length + line.length + 3 + more.length > ROOM) return `${text}${more}`;
    text += `\n- ${line}`;
  }
  return text;
}
