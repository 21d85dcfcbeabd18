import { isBreakableSpace } from "./isBreakableSpace.js";
import type { Span } from "./span.js";

/** Whitespace with a line break in it: a page could end at `end` and the next begin at `next`. */
export interface LineGap {
  readonly end: number;
  readonly next: number;
  /** `paragraph` when the gap holds a blank line, `scene` when it borders a scene-break line. */
  readonly level: "line" | "paragraph" | "scene";
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Every maximal run of whitespace between two non-whitespace characters of `text` that
 * holds at least one line break (`\n`, `\r\n` or `\r`), in order.
 */
export function lineGaps(text: string, sceneBreaks: readonly Span[]): LineGap[] {
  const sceneStarts = new Set(sceneBreaks.map((line) => line.start));
  const sceneEnds = new Set(sceneBreaks.map((line) => line.end));
  const gaps: LineGap[] = [];
  const lineBreak = /[\r\n]/g;
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    let end = match.index;
    while (end > 0 && isBreakableSpace(text.charCodeAt(end - 1))) end--;
    let next = match.index;
    let breaks = 0;
    for (; next < text.length; next++) {
      const code = text.charCodeAt(next);
      if (!isBreakableSpace(code)) break;
      if (code === LF || (code === CR && text.charCodeAt(next + 1) !== LF)) breaks++;
    }
    lineBreak.lastIndex = next;
    if (end === 0 || next === text.length) continue;
    const scene = sceneEnds.has(end) || sceneStarts.has(next);
    gaps.push({ end, next, level: scene ? "scene" : breaks >= 2 ? "paragraph" : "line" });
  }
  return gaps;
}
