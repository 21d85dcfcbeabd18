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

/** The scene-break lines of `text`, each trimmed of the spaces around its marker, in order. */
export function sceneBreakLines(text: string): Span[] {
  const lines: Span[] = [];
  for (const line of lineRanges(text)) {
    let start = line.start;
    while (start < line.end && isWhitespace(text.charCodeAt(start))) start++;
    let end = line.end;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
    if (end > start && SCENE_BREAK.test(text.slice(start, end))) lines.push({ start, end });
  }
  return lines;
}
