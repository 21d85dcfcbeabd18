import { characterAt, characterBefore } from "./characters.js";
import { isWhitespace } from "./isWhitespace.js";
import { lineRanges } from "./lineRanges.js";
import { isSceneBreak } from "./sceneBreaks.js";
import type { Span } from "./span.js";

type Delimiter = "*" | "_" | "~" | "|";

/** An opening delimiter run still waiting for its closer. */
interface Opener {
  readonly start: number;
  /** End of the delimiters not yet used; the innermost ones close first. */
  end: number;
  count: number;
}

const SPECIAL = /[*_~|[\]\\]/g;
const BACKTICKS = /`+/g;
/** The `(url)` of a masked link, allowing one level of parentheses inside the URL. */
const LINK_TARGET = /\((?:[^\s()]|\([^\s()]*\))*\)/y;
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u;

function isDelimiter(character: string): character is Delimiter {
  return character === "*" || character === "_" || character === "~" || character === "|";
}

/**
 * The inline Markdown spans Discord renders, delimiters included: `*italic*`, `_italic_`,
 * `**bold**`, `__underline__`, `~~strike~~`, `||spoiler||`, `` `code` `` (any run of
 * backticks) and `[text](url)`. Spans never cross a blank line or a scene-break line. The
 * rules are a simplified CommonMark: an opener is followed by non-whitespace, a closer
 * follows non-whitespace, `_` does not work inside words, and a closer takes the nearest
 * opener of its kind. The order of the spans is unspecified.
 */
export function markdownSpans(text: string): Span[] {
  const spans: Span[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  for (const line of lineRanges(text)) {
    const content = text.slice(line.start, line.end);
    if (content.trim() === "" || isSceneBreak(content)) {
      if (blockStart >= 0) parseBlock(text.slice(blockStart, blockEnd), blockStart, spans);
      blockStart = -1;
    } else {
      if (blockStart < 0) blockStart = line.start;
      blockEnd = line.end;
    }
  }
  if (blockStart >= 0) parseBlock(text.slice(blockStart, blockEnd), blockStart, spans);
  return spans;
}

/** Code spans of `block`: a run of backticks closes at the next run of the same length. */
function codeSpans(block: string): Span[] {
  const runs = Array.from(block.matchAll(BACKTICKS), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const nextOfSameLength: (number | undefined)[] = [];
  const laterOfLength = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index--) {
    const length = (runs[index]?.end ?? 0) - (runs[index]?.start ?? 0);
    nextOfSameLength[index] = laterOfLength.get(length);
    laterOfLength.set(length, index);
  }
  const spans: Span[] = [];
  for (let index = 0; index < runs.length; index++) {
    const closeIndex = nextOfSameLength[index];
    const open = runs[index];
    const close = closeIndex === undefined ? undefined : runs[closeIndex];
    if (open && close && closeIndex !== undefined) {
      spans.push({ start: open.start, end: close.end });
      index = closeIndex;
    }
  }
  return spans;
}

/** Adds the spans of a block (lines between blank lines and scene breaks) found at `offset`. */
function parseBlock(block: string, offset: number, spans: Span[]): void {
  const code = codeSpans(block);
  const found = [...code];
  const openers: Record<Delimiter, Opener[]> = { "*": [], _: [], "~": [], "|": [] };
  const linkOpeners: number[] = [];
  let codeIndex = 0;
  SPECIAL.lastIndex = 0;
  for (let match = SPECIAL.exec(block); match; match = SPECIAL.exec(block)) {
    const index = match.index;
    while ((code[codeIndex]?.end ?? Number.POSITIVE_INFINITY) <= index) codeIndex++;
    const inCode = code[codeIndex];
    if (inCode && inCode.start <= index) {
      SPECIAL.lastIndex = inCode.end;
      continue;
    }
    const character = match[0];
    if (character === "\\") {
      SPECIAL.lastIndex = index + 2;
    } else if (character === "[") {
      linkOpeners.push(index);
    } else if (character === "]") {
      const open = linkOpeners.pop();
      LINK_TARGET.lastIndex = index + 1;
      if (open !== undefined && LINK_TARGET.test(block)) {
        found.push({ start: open, end: LINK_TARGET.lastIndex });
        discardOpenersAfter(openers, open);
        SPECIAL.lastIndex = LINK_TARGET.lastIndex;
      }
    } else if (isDelimiter(character)) {
      let end = index + 1;
      while (block[end] === character) end++;
      delimiterRun(block, { start: index, end }, character, openers, found);
      SPECIAL.lastIndex = end;
    }
  }
  for (const span of found) spans.push({ start: offset + span.start, end: offset + span.end });
}

function delimiterRun(
  block: string,
  run: Span,
  character: Delimiter,
  openers: Record<Delimiter, Opener[]>,
  spans: Span[],
): void {
  const before = characterBefore(block, run.start) || " ";
  const after = characterAt(block, run.end) || " ";
  const pair = character === "~" || character === "|";
  const minimum = pair ? 2 : 1;
  let canOpen = !isWhitespace(after.charCodeAt(0));
  let canClose = !isWhitespace(before.charCodeAt(0));
  if (character === "_") {
    canOpen &&= !ALPHANUMERIC.test(before);
    canClose &&= !ALPHANUMERIC.test(after);
  }
  const stack = openers[character];
  let start = run.start;
  let count = run.end - run.start;
  while (canClose && count >= minimum) {
    const opener = stack.at(-1);
    if (!opener) break;
    const used = pair || (opener.count >= 2 && count >= 2) ? 2 : 1;
    spans.push({ start: opener.end - used, end: start + used });
    opener.end -= used;
    opener.count -= used;
    start += used;
    count -= used;
    if (opener.count < minimum) stack.pop();
    discardOpenersAfter(openers, opener.start);
  }
  if (canOpen && count >= minimum) stack.push({ start, end: run.end, count });
}

/** Openers inside a span that just closed can no longer close outside it. */
function discardOpenersAfter(openers: Record<Delimiter, Opener[]>, start: number): void {
  for (const stack of Object.values(openers)) {
    while ((stack.at(-1)?.start ?? -1) > start) stack.pop();
  }
}
