import type { Page } from "../../src/core/pager.js";
import { type MarkdownNode, parseDiscordMarkdown } from "../../src/core/parseDiscordMarkdown.js";
import { BIDI_OPEN } from "./bidiProblems.js";
import { delimiterLengths, discordThings } from "./discordThings.js";
import { lineBreakOpportunities, NO_BREAK_SPACE } from "./lineBreakOpportunities.js";
import { isBreakable, type Unbreakable } from "./pageProblems.js";

/** A block marker, which Discord reads only at the start of a line (a list item too). */
const BLOCK_MARKER = /^(?:>>> |> |#{1,3} +\S|-# +\S|[-*] +\S|\d{1,9}\. +\S)/;
/**
 * Delimiters Discord reads otherwise when they close next to the same character (`~~a x~~~`);
 * any delimiter opened again next to its own character does (`*` before `***x** y*`).
 */
const MERGING = new Set(["~", "|", "`"]);

/**
 * The breaks whose carried delimiters Discord would read otherwise, which a pager must refuse,
 * so a stretch with only those in it has no allowed break: a page that starts, outside code,
 * with a block marker from inside a line (`wait│ - what`) or a heading marker where the parse has no
 * heading, a delimiter opened again before a block marker
 * (`**> quote`), a `~~`, `||` or `` ` `` closed next to the same character, or any delimiter
 * opened again next to it. Found
 * from the text's own parse: the innermost delimited node around the break is the one carried.
 */
function createMisreadBreaks(text: string): (end: number, next: number) => boolean {
  const delimited: { start: number; end: number; character: string }[] = [];
  const lineQuotes: Unbreakable[] = [];
  const headings = new Set<number>();
  const code: Unbreakable[] = [];
  const visit = (nodes: readonly MarkdownNode[]) => {
    for (const node of nodes) {
      if (node.type === "heading" || node.type === "subtext") headings.add(node.start);
      if (node.type === "codeBlock" || node.type === "inlineCode") code.push(node);
      const lengths = delimiterLengths(text, node);
      if (lengths && node.type !== "codeBlock") {
        const character = text[node.start] ?? "";
        delimited.push({
          start: node.start + lengths.open,
          end: node.end - lengths.close,
          character,
        });
      }
      if (node.type === "blockQuote" && !/^ *>>> /.test(text.slice(node.start, node.start + 8))) {
        lineQuotes.push({ start: node.start, end: node.end });
      }
      visit(node.children);
    }
  };
  visit(parseDiscordMarkdown(text));
  return (end, next) => {
    let lineStart = next;
    while (lineStart > 0 && text[lineStart - 1] === " ") lineStart--;
    const inCode = code.some((node) => node.start < next && next < node.end);
    const marker = !inCode && BLOCK_MARKER.test(text.slice(next, next + 16));
    const atLineStart = lineStart === 0 || text[lineStart - 1] === "\n";
    if (marker && /^(?:#{1,3}|-#) /.test(text.slice(next, next + 4))) {
      if (!headings.has(next)) return true;
    } else if (marker && !atLineStart) {
      return true;
    }
    const around = delimited
      .filter((node) => node.start <= end && next <= node.end)
      .sort((a, b) => b.start - a.start)[0];
    if (!around) return false;
    const inQuote = lineQuotes.some((quote) => quote.start <= next && next < quote.end);
    if (marker && !inQuote) return true;
    return (
      (MERGING.has(around.character) && text[end - 1] === around.character) ||
      text[next] === around.character
    );
  };
}

/** Formatting a page break may go through, with the length of its delimiters. */
interface Carrier extends Unbreakable {
  readonly contentStart: number;
  readonly contentEnd: number;
  readonly delimiters: number;
  /** A `>` quote: inside it only its marker is opened again, in the middle of a line. */
  readonly lineQuote: boolean;
}

/**
 * For each thing, the delimiters a page holding it whole must open and close around it: those
 * of each span with delimiters it lies in that does not fit on a page itself, and of each
 * directional embedding in `unbreakable`; inside a `>` quote only the quote's `> ` in the
 * middle of a line, and the embeddings in the quote (what holds a quote is not opened in
 * front of it, and nothing inside it is carried).
 */
function carriedAround(
  text: string,
  things: readonly Unbreakable[],
  unbreakable: readonly Unbreakable[],
  maxLength: number,
): number[] {
  const carriers: Carrier[] = [];
  const visit = (nodes: readonly MarkdownNode[], inLineQuote: boolean) => {
    for (const node of nodes) {
      const lengths = node.type === "blockQuote" ? undefined : delimiterLengths(text, node);
      const marker =
        node.type === "blockQuote" ? /^ *(?:>>>|>) ?/.exec(text.slice(node.start)) : null;
      const lineQuote = marker !== null && !marker[0].includes(">>>");
      if (!inLineQuote && lengths) {
        carriers.push({
          ...node,
          contentStart: node.start + lengths.open,
          contentEnd: node.end - lengths.close,
          delimiters: lengths.open + lengths.close,
          lineQuote: false,
        });
      } else if (!inLineQuote && marker) {
        carriers.push({
          ...node,
          contentStart: node.start + marker[0].length,
          contentEnd: node.end,
          delimiters: lineQuote ? 2 : 4,
          lineQuote,
        });
      }
      visit(node.children, inLineQuote || lineQuote);
    }
  };
  visit(parseDiscordMarkdown(text), false);
  for (const span of unbreakable) {
    if (BIDI_OPEN.has(text[span.start] ?? "")) {
      carriers.push({
        ...span,
        contentStart: span.start + 1,
        contentEnd: span.end - 1,
        delimiters: 2,
        lineQuote: false,
      });
    }
  }
  carriers.sort((a, b) => a.start - b.start || b.end - a.end);
  const holding: Carrier[] = [];
  const aroundOf = (inner: Unbreakable) => {
    const holds = holding.filter(
      (span) => span.contentStart <= inner.start && inner.end <= span.contentEnd,
    );
    const quote = holds.findLast((span) => span.lineQuote);
    let total = quote && text[inner.start - 1] !== "\n" ? quote.delimiters : 0;
    for (const span of holds) {
      if (!span.lineQuote && (!quote || span.start > quote.start)) total += span.delimiters;
    }
    return total;
  };
  for (const carrier of carriers) {
    if (carrier.lineQuote || carrier.end - carrier.start + aroundOf(carrier) > maxLength) {
      holding.push(carrier);
    }
  }
  return things.map(aroundOf);
}

/**
 * Every page boundary that breaks where a page may not: between two non-space characters
 * where UAX #14 allows no break (see `lineBreakOpportunities`), next to a no-break space,
 * or inside a thing to keep whole (`discordThings`, and `unbreakable`) that fits on a page
 * with the delimiters of the formatting around it that does not (`carriedAround`).
 * Such a boundary is fine only inside a stretch with no allowed break that is longer than
 * a page: than `maxLength` less the delimiters both pages around the boundary carry.
 */
export function breakProblems(
  text: string,
  pages: readonly Page[],
  maxLength: number,
  unbreakable: readonly Unbreakable[] = [],
): string[] {
  const problems: string[] = [];
  if (pages.length < 2) return problems;
  const opportunities = lineBreakOpportunities(text);
  const things = [
    ...discordThings(text),
    ...unbreakable.map((span) => ({ ...span, type: "generated" })),
  ];
  const around = carriedAround(text, things, unbreakable, maxLength);
  /** Whether each index lies strictly inside a thing that fits on a page. */
  const inside = new Uint8Array(text.length + 1);
  {
    const depth = new Int32Array(text.length + 2);
    things.forEach((thing, index) => {
      if (!fits(thing, index)) return;
      depth[thing.start + 1] = (depth[thing.start + 1] ?? 0) + 1;
      depth[thing.end] = (depth[thing.end] ?? 0) - 1;
    });
    let open = 0;
    for (let index = 0; index <= text.length; index++) {
      open += depth[index] ?? 0;
      inside[index] = open > 0 ? 1 : 0;
    }
  }
  /** Whether a thing fits on a page with the formatting around it that cannot. */
  function fits(thing: Unbreakable, index: number): boolean {
    return thing.end - thing.start + (around[index] ?? 0) <= maxLength;
  }
  /** Where the breakable whitespace before `index` starts. */
  const beforeSpacesIndex = (index: number) => {
    let at = index;
    while (at > 0 && isBreakable(text[at - 1])) at--;
    return at;
  };
  /** Where the breakable whitespace from `index` on ends. */
  const afterSpacesIndex = (index: number) => {
    let at = index;
    while (at < text.length && isBreakable(text[at])) at++;
    return at;
  };
  /** The last character before `index` that is not breakable whitespace. */
  const beforeSpaces = (index: number) => text[beforeSpacesIndex(index) - 1];
  const misread = createMisreadBreaks(text);
  for (let number = 1; number < pages.length; number++) {
    const before = pages[number - 1];
    const after = pages[number];
    if (!before || !after) continue;
    const { end } = before;
    const next = after.start;
    // Generous: both pages' carried delimiters, about twice what a page holding the stretch
    // would carry.
    const carried =
      before.reopened.length + before.closed.length + after.reopened.length + after.closed.length;
    const room = maxLength - carried;
    const allowed = (index: number) =>
      index <= 0 ||
      index >= text.length ||
      (opportunities.has(index) &&
        inside[index] === 0 &&
        !NO_BREAK_SPACE.test(text[index] ?? "") &&
        !NO_BREAK_SPACE.test(beforeSpaces(index) ?? "") &&
        !misread(beforeSpacesIndex(index), afterSpacesIndex(index)));

    const reasons: string[] = [];
    if (end === next && !opportunities.has(end)) reasons.push("UAX #14 allows no break there");
    if (NO_BREAK_SPACE.test(text[end - 1] ?? "") || NO_BREAK_SPACE.test(text[next] ?? "")) {
      reasons.push("it is next to a no-break space");
    }
    for (const [index, thing] of things.entries()) {
      if (thing.start < end && next < thing.end && fits(thing, index)) {
        reasons.push(
          `it is inside ${thing.type} ${JSON.stringify(text.slice(thing.start, thing.end))}`,
        );
      }
    }
    if (reasons.length === 0) continue;
    let from = end;
    while (!allowed(from)) from--;
    let to = Math.max(next, end + 1);
    while (!allowed(to)) to++;
    let stretchEnd = to;
    while (stretchEnd > from && isBreakable(text[stretchEnd - 1])) stretchEnd--;
    if (stretchEnd - from > room) continue;
    problems.push(
      `pages ${number - 1}/${number} break at ${end}/${next}, ` +
        `${JSON.stringify(text.slice(Math.max(0, end - 12), end))}│` +
        `${JSON.stringify(text.slice(next, next + 12))}, though ${reasons.join(", ")} and ` +
        `${JSON.stringify(text.slice(from, stretchEnd))} (${stretchEnd - from}) fits in ${room}`,
    );
  }
  return problems;
}
