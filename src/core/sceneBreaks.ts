import { isWhitespace } from "./isWhitespace.js";
import { lineRanges } from "./lineRanges.js";
import type { Span } from "./span.js";

/**
 * A scene-break line, once trimmed: three or more of one rule character (`***`, `* * *`,
 * `---`, `~~~`, `===`), one or more `#`, ornaments such as `⁂` or `❦`, or `o0o`.
 */
const SCENE_BREAK =
  /^(?:([*\-_~=+•·∗—–])(?:[ \t]*\1){2,}|#(?:[ \t]*#)*|[⁂❦❧※§✻✽✦✧◇◆❖](?:[ \t]*[⁂❦❧※§✻✽✦✧◇◆❖])*|o0o|oOo|0o0|OoO)$/u;

/** Whether a line, spaces around it ignored, is nothing but a scene-break marker. */
export function isSceneBreak(line: string): boolean {
  return SCENE_BREAK.test(line.trim());
}

/**
 * The scene-break lines of `text`, each trimmed of the spaces around its marker, in order;
 * a `#` or `---` line inside a code block is code, not a break. Code blocks are found as
 * Discord pairs their fences, each ```` ``` ```` closing the one before: this runs before the
 * Markdown is parsed, scene by scene, so it cannot ask the parser.
 */
export function sceneBreakLines(text: string): Span[] {
  const fences = Array.from(text.matchAll(/```/g), (match) => match.index);
  let fence = 0;
  const lines: Span[] = [];
  for (const line of lineRanges(text)) {
    while ((fences[fence + 1] ?? Number.POSITIVE_INFINITY) < line.start) fence += 2;
    const inCode = fences[fence + 1] !== undefined && (fences[fence] ?? line.start) < line.start;
    if (inCode) continue;
    let start = line.start;
    while (start < line.end && isWhitespace(text.charCodeAt(start))) start++;
    let end = line.end;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
    if (end > start && SCENE_BREAK.test(text.slice(start, end))) lines.push({ start, end });
  }
  return lines;
}
