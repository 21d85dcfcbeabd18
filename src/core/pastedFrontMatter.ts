import { PART_KEYS } from "./readPart.js";
import { STORY_KEYS } from "./readStoryMeta.js";
import type { StoryProblem } from "./story.js";

const DELIMITER = /^---[ \t]*\r?$/;
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|\r?$)/;
/** After a key: an indented line, a list entry or a comment. */
const MORE_LINE = /^(?:[ \t]+\S|[ \t]*-[ \t]|[ \t]*#)/;
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  ...STORY_KEYS,
  ...Object.values(PART_KEYS).flat(),
]);

/**
 * Warnings for blocks in a part's text that look like front matter, as when two files were
 * pasted into one: a "---" line, `key: value` lines of which at least one has a key the story
 * uses (so "Moscow: December 27th" between two scene breaks is not one), and a "---" line.
 * Only warnings, because "---" is also a scene break. `bodyLine` is the file line of the text.
 */
export function pastedFrontMatter(file: string, body: string, bodyLine: number): StoryProblem[] {
  const lines = body.split("\n");
  const warnings: StoryProblem[] = [];
  for (let open = 0; open < lines.length; open += 1) {
    if (!DELIMITER.test(lines[open] ?? "")) continue;
    let close = open + 1;
    let known: string | undefined;
    for (; close < lines.length; close += 1) {
      const line = lines[close] ?? "";
      const key = KEY_LINE.exec(line)?.[1];
      if (key === undefined && (close === open + 1 || !MORE_LINE.test(line))) break;
      if (key !== undefined && known === undefined && KNOWN_KEYS.has(key)) known = line.trim();
    }
    if (known === undefined || !DELIMITER.test(lines[close] ?? "")) continue;
    const first = bodyLine + open;
    warnings.push({
      file,
      line: first,
      message: `Lines ${first} to ${bodyLine + close} look like front matter (a "---" line, then \`key: value\` lines such as "${known}", then "---"), but they are in the text: were two files pasted into one?`,
      fix: `If they begin another scene, move everything from line ${first} on, into a file of its own in scenes/. If the lines are meant to be read, mark the scene breaks around them with *** instead of ---, so they no longer look like front matter.`,
    });
    open = close;
  }
  return warnings;
}
