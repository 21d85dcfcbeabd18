import LineBreaker from "linebreak";
import { expect } from "vitest";
import type { Page } from "../../src/core/pager.js";
import { type MarkdownNode, parseDiscordMarkdown } from "../../src/core/parseDiscordMarkdown.js";

/** A stretch of the text that must stay on one page when it fits, e.g. a Markdown span. */
export interface Unbreakable {
  readonly start: number;
  readonly end: number;
}

export interface InvariantOptions {
  /** Check page boundaries against Intl.Segmenter's graphemes of the whole text (slow). */
  readonly graphemes?: boolean;
  readonly unbreakable?: readonly Unbreakable[];
}

/** Whitespace a page may break at: every kind but the no-break spaces. */
const BREAKABLE_ONLY = /^[^\S\u00a0\u2007\u202f\ufeff]*$/;
const BREAKABLE = /[^\S\u00a0\u2007\u202f\ufeff]/;

/** The grapheme boundaries of `text`, including 0 and `text.length`. */
export function graphemeBoundaries(text: string): Set<number> {
  const boundaries = new Set([text.length]);
  for (const { index } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) {
    boundaries.add(index);
  }
  return boundaries;
}

const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });
/** The first grapheme of `text` (of its first 64 code units). */
const firstGrapheme = (text: string) =>
  GRAPHEMES.segment(text.slice(0, 64)).containing(0)?.segment ?? "";
/** The last grapheme of `text` (of its last 64 code units). */
const lastGrapheme = (text: string) =>
  [...GRAPHEMES.segment(text.slice(-64))].at(-1)?.segment ?? "";
/** Whether a grapheme is breakable whitespace alone (not a space a mark joins, " \u0301"). */
const isSpaceGrapheme = (grapheme: string) => grapheme === "" || BREAKABLE_ONLY.test(grapheme);

/**
 * Every way `pages` break the pager's contract for `text`: each page shows its slice between
 * the delimiters it carries (`reopened + slice + closed`), at most `maxLength` code units,
 * trimmed of whitespace graphemes; the slices are non-empty and in order, with only breakable whitespace around and
 * between them; optionally no page boundary may fall inside a grapheme that fits on a page,
 * and each unbreakable stretch that fits on a page must lie on one page.
 */
export function pageProblems(
  text: string,
  pages: readonly Page[],
  maxLength: number,
  options: InvariantOptions = {},
): string[] {
  const problems: string[] = [];
  if (BREAKABLE_ONLY.test(text) && pages.length > 0) problems.push("pages of whitespace");
  let previousEnd = 0;
  for (const [number, page] of pages.entries()) {
    const name = `page ${number} [${page.start}, ${page.end})`;
    const slice = text.slice(page.start, page.end);
    if (page.text !== `${page.reopened}${slice}${page.closed}`) {
      problems.push(`${name} is not its slice between its carried delimiters`);
    }
    if (slice.length === 0) problems.push(`${name} is empty`);
    if (page.text.length > maxLength) problems.push(`${name} is ${page.text.length} long`);
    if (isSpaceGrapheme(firstGrapheme(page.text))) problems.push(`${name} starts with whitespace`);
    if (isSpaceGrapheme(lastGrapheme(page.text))) problems.push(`${name} ends with whitespace`);
    if (page.reopened === "" && isSpaceGrapheme(firstGrapheme(slice))) {
      problems.push(`${name} starts with whitespace`);
    }
    if (page.start < previousEnd) problems.push(`${name} overlaps the page before`);
    if (!BREAKABLE_ONLY.test(text.slice(previousEnd, page.start))) {
      problems.push(`${name} leaves out text before it`);
    }
    previousEnd = page.end;
  }
  if (!BREAKABLE_ONLY.test(text.slice(previousEnd))) problems.push("text left out at the end");

  if (options.graphemes) {
    const boundaries = graphemeBoundaries(text);
    /** The length of the grapheme `index` falls inside. */
    const graphemeAround = (index: number) => {
      let from = index;
      while (!boundaries.has(from)) from--;
      let to = index;
      while (!boundaries.has(to)) to++;
      return to - from;
    };
    for (const [number, page] of pages.entries()) {
      const next = pages[number + 1];
      // Only a grapheme longer than a page (less the delimiters carried) may be cut.
      const room =
        maxLength -
        page.reopened.length -
        page.closed.length -
        (next ? next.reopened.length + next.closed.length : 0);
      if (!boundaries.has(page.end) && graphemeAround(page.end) <= room) {
        problems.push(`page ${number} ends inside a grapheme at ${page.end}`);
      }
      if (next && !boundaries.has(next.start) && graphemeAround(next.start) <= room) {
        problems.push(`page ${number + 1} starts inside a grapheme at ${next.start}`);
      }
    }
    const first = pages[0];
    if (first && !boundaries.has(first.start)) {
      problems.push(`page 0 starts inside a grapheme at ${first.start}`);
    }
  }
  for (const span of options.unbreakable ?? []) {
    if (span.end - span.start > maxLength) continue;
    if (!pages.some((page) => page.start <= span.start && span.end <= page.end)) {
      problems.push(`${JSON.stringify(text.slice(span.start, span.end))} is split`);
    }
  }
  return problems;
}

/** Asserts that `pages` keep the pager's contract for `text` (see `pageProblems`). */
export function expectValidPages(
  text: string,
  pages: readonly Page[],
  maxLength: number,
  options: InvariantOptions = {},
): void {
  expect(pageProblems(text, pages, maxLength, options)).toEqual([]);
}

/** The no-break spaces: the characters on either side of one stay on one page. */
const NO_BREAK_SPACE = /^[\u00a0\u2007\u202f\ufeff]$/;
/** Scripts UAX #14 leaves to a dictionary (class SA), which `linebreak` does not have. */
const DICTIONARY_RUN = /[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]+/gu;
const DICTIONARY_LETTER = /^[\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]$/u;

/**
 * Where a line may start in `text` under UAX #14, computed over the whole text at once: the
 * `linebreak` package's opportunities (after any spaces), and, since UAX #14 leaves Thai, Lao,
 * Khmer and Myanmar to a dictionary (LB1) and `linebreak` has none, the word boundaries ICU's
 * dictionaries find between two letters of those scripts.
 */
export function lineBreakOpportunities(text: string): Set<number> {
  const opportunities = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
    opportunities.add(found.position);
  }
  const words = new Intl.Segmenter("th", { granularity: "word" });
  for (const run of text.matchAll(DICTIONARY_RUN)) {
    for (const { index } of words.segment(run[0])) {
      const at = run.index + index;
      if (DICTIONARY_LETTER.test(text[at - 1] ?? "") && DICTIONARY_LETTER.test(text[at] ?? "")) {
        opportunities.add(at);
      }
    }
  }
  return opportunities;
}

/** Node types that are text, not something Discord renders as one thing. */
const PLAIN_NODES = new Set(["text", "br", "newline", "escape"]);
/** How a node's opening and closing delimiters are found in its text, for those that have them. */
const DELIMITERS: Record<string, { readonly open: RegExp; readonly close: RegExp }> = {
  strong: { open: /^\*\*/, close: /\*\*$/ },
  underline: { open: /^__/, close: /__$/ },
  strikethrough: { open: /^~~/, close: /~~$/ },
  spoiler: { open: /^\|\|/, close: /\|\|$/ },
  em: { open: /^[*_]/, close: /[*_]$/ },
  nestedEm: { open: /^[*_]/, close: /[*_]$/ },
  inlineCode: { open: /^`+/, close: /`+$/ },
  codeBlock: { open: /^```(?:[a-z0-9_+\-.#]+?\n+)?\n*/i, close: /\n*```$/ },
};

/** How long a node's opening and closing delimiters are, if it has them. */
function delimiterLengths(
  text: string,
  node: MarkdownNode,
): { open: number; close: number } | undefined {
  const delimiters = DELIMITERS[node.type];
  if (!delimiters) return undefined;
  const slice = text.slice(node.start, node.end);
  const close = delimiters.close.exec(slice)?.[0].length ?? 0;
  // Inline code opens with as many backticks as close it: its content may start with one.
  if (node.type === "inlineCode") return { open: close, close };
  return { open: delimiters.open.exec(slice)?.[0].length ?? 0, close };
}

/**
 * A node's delimiters, each with the visible character next to it inside: a page break between
 * a delimiter and the text it formats would leave the delimiter alone on a page.
 */
function delimitersWithNeighbour(text: string, node: MarkdownNode): Unbreakable[] {
  const lengths = delimiterLengths(text, node);
  if (!lengths) return [];
  const { open, close } = lengths;
  let first = node.start + open;
  while (first < node.end - close - 1 && isBreakable(text[first])) first++;
  let last = node.end - close;
  while (last > first + 1 && isBreakable(text[last - 1])) last--;
  return [
    { start: node.start, end: first + 1 },
    { start: last - 1, end: node.end },
  ];
}

/**
 * What Discord renders as one thing in `text`, by its own parser: Markdown spans, code,
 * `>>>` quotes, headings, links, URLs, mentions, custom emoji, timestamps, and each delimiter
 * or block marker (`> `, `# `) with the character it formats next to it. A `>` quote is left out: each of its lines carries
 * its own marker, so a page may end between its lines (and inside one, opening it again with
 * "> ").
 */
export function discordThings(text: string): (Unbreakable & { readonly type: string })[] {
  const things: (Unbreakable & { readonly type: string })[] = [];
  const visit = (nodes: readonly MarkdownNode[]) => {
    for (const node of nodes) {
      const lineQuote =
        node.type === "blockQuote" && !/^ *>>> /.test(text.slice(node.start, node.start + 8));
      if (!PLAIN_NODES.has(node.type) && !lineQuote) {
        things.push({ start: node.start, end: node.end, type: node.type });
        for (const delimiter of delimitersWithNeighbour(text, node)) {
          things.push({ ...delimiter, type: `${node.type} delimiter` });
        }
      }
      visit(node.children);
    }
  };
  visit(parseDiscordMarkdown(text));
  for (const marker of text.matchAll(/^(?: *>>> | *> |#{1,3} +|-# +)(?=\S)/gm)) {
    things.push({
      start: marker.index,
      end: marker.index + marker[0].length + 1,
      type: "block marker",
    });
  }
  return things;
}

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

function isBreakable(character: string | undefined): boolean {
  return character !== undefined && BREAKABLE.test(character);
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

/** Formatting node types, whose set at each character the pages must keep. */
const FORMATTING = new Set([
  "strong",
  "em",
  "underline",
  "strikethrough",
  "spoiler",
  "inlineCode",
  "codeBlock",
  "blockQuote",
  "link",
  "heading",
  "subtext",
]);
/**
 * Things the pager does not carry to the next page, a page that cuts one shows it otherwise;
 * nor does it carry anything inside a `>` quote.
 */
const NOT_CARRIED = new Set(["link", "url", "autolink", "heading", "subtext"]);
const CODE_BLOCK = /^```(?:[a-z0-9_+\-.#]+?\n+)?\n*/i;
const HEADING = /^ *(#{1,3})/;

/** A quote inside other formatting, and that formatting's labels. */
interface HeldQuote extends Unbreakable {
  readonly holding: readonly string[];
}

interface Formatting {
  /** For each code unit in a text node (or code), its formatting, e.g. "em+strong"; else undefined. */
  readonly labels: (string | undefined)[];
  /** Whether each code unit is Markdown syntax: a delimiter, a quote marker, a code fence. */
  readonly markup: boolean[];
  /** The nodes the pager does not carry. */
  readonly notCarried: Unbreakable[];
  /**
   * The quotes inside other formatting, which a page cannot open again as they are: the
   * formatting inside a `>` quote could not leave its line, and a `>>>` quote would run on to
   * the end of the page.
   */
  readonly heldQuotes: HeldQuote[];
}

/** The formatting of each visible code unit of `text`, as Discord's parser sees it. */
export function formattingOf(text: string): Formatting {
  const labels: (string | undefined)[] = new Array(text.length).fill(undefined);
  const markup: boolean[] = new Array(text.length).fill(false);
  const notCarried: Unbreakable[] = [];
  const heldQuotes: HeldQuote[] = [];
  const mark = (from: number, to: number, chain: readonly string[]) => {
    const label = [...new Set(chain)].sort().join("+");
    for (let index = from; index < to; index++) {
      if (!/\s/.test(text[index] ?? " ")) labels[index] = label;
    }
  };
  const visit = (
    nodes: readonly MarkdownNode[],
    ancestors: readonly string[],
    inLineQuote: boolean,
  ) => {
    for (const node of nodes) {
      let chain = ancestors;
      const lineQuote =
        node.type === "blockQuote" && !/^ *>>> /.test(text.slice(node.start, node.start + 8));
      if (NOT_CARRIED.has(node.type) || (inLineQuote && !PLAIN_NODES.has(node.type))) {
        notCarried.push({ start: node.start, end: node.end });
      }
      if (node.type === "blockQuote" && ancestors.length > 0) {
        heldQuotes.push({ start: node.start, end: node.end, holding: ancestors });
      }
      const formats = FORMATTING.has(node.type);
      if (formats) {
        const level =
          node.type === "heading"
            ? (HEADING.exec(text.slice(node.start, node.start + 4))?.[1]?.length ?? 0)
            : "";
        chain = [...ancestors, `${node.type}${level}`];
      }
      // Emphasis inside emphasis adds no formatting, but its delimiters are syntax all the same.
      if (formats || node.type === "nestedEm") {
        for (let index = node.start; index < node.end; index++) {
          if (!/\s/.test(text[index] ?? " ")) markup[index] = true;
        }
      }
      const slice = text.slice(node.start, node.end);
      if (node.type === "text") mark(node.start, node.end, chain);
      if (node.type === "inlineCode") {
        const ticks = /`+$/.exec(slice)?.[0].length ?? 1;
        mark(node.start + ticks, node.end - ticks, chain);
      }
      if (node.type === "codeBlock") {
        const open = CODE_BLOCK.exec(slice)?.[0].length ?? 3;
        mark(node.start + open, node.end - 3, chain);
      }
      visit(node.children, chain, inLineQuote || lineQuote);
    }
  };
  visit(parseDiscordMarkdown(text), [], false);
  for (let index = 0; index < text.length; index++) {
    if (labels[index] !== undefined) markup[index] = false;
  }
  return { labels, markup, notCarried, heldQuotes };
}

/** A formatting label without the formatting in `removed` ("em+strong" less "em" is "strong"). */
function withoutLabels(label: string | undefined, removed: readonly string[]): string | undefined {
  if (label === undefined || removed.length === 0) return label;
  return label
    .split("+")
    .filter((part) => !removed.includes(part))
    .join("+");
}

/**
 * Every page on which a visible character of its slice is formatted otherwise than in the
 * whole text, both parsed by Discord's rules: its set of formatting (bold, italic, underline,
 * strike, spoiler, code, quote, link, heading and its level, subtext) compared wherever both
 * parses have it in text; and every page that shows Markdown syntax of the text (a delimiter,
 * a quote marker) as text. A page that cuts a link, URL, heading or subtext, or anything
 * inside a `>` quote, is left out, since the pager does not carry those: the rest of a URL is
 * no longer one, and its `_` may pair up.
 * So is a page that starts inside a quote held by other formatting (`**a\n> b**`), which
 * cannot be opened again as it is; a page that starts with such a quote is checked only
 * up to the quote's end, without the formatting that holds it, which the pager does not open
 * in front of the quote's marker.
 */
export function formattingProblems(text: string, pages: readonly Page[]): string[] {
  const problems: string[] = [];
  const whole = formattingOf(text);
  for (const [number, page] of pages.entries()) {
    const cuts = whole.notCarried.some(
      (node) =>
        node.start < page.end &&
        page.start < node.end &&
        (node.start < page.start || node.end > page.end),
    );
    const startsInHeldQuote = whole.heldQuotes.some(
      (quote) => quote.start < page.start && page.start < quote.end,
    );
    if (cuts || startsInHeldQuote) continue;
    // A page may start with a quote that formatting holds; that formatting is not opened in front
    // of it, so the quote is checked without it, and the rest of the page not at all.
    const heldAtStart = whole.heldQuotes.find((quote) => quote.start === page.start);
    const shown = formattingOf(page.text).labels;
    const offset = page.start - page.reopened.length;
    const last =
      page.reopened.length + Math.min(page.end, heldAtStart?.end ?? page.end) - page.start;
    for (let index = page.reopened.length; index < last; index++) {
      const source = index + offset;
      const onPage = shown[index];
      const inText = withoutLabels(whole.labels[source], heldAtStart?.holding ?? []);
      if (onPage === undefined || onPage === inText) continue;
      if (inText === undefined && !whole.markup[source]) continue;
      const what =
        inText === undefined
          ? `Markdown syntax ${JSON.stringify(text[source])} at ${source} as text (${JSON.stringify(onPage)})`
          : `${JSON.stringify(text[source])} at ${source} as ${JSON.stringify(onPage)}, the text as ${JSON.stringify(inText)}`;
      problems.push(
        `page ${number} [${page.start}, ${page.end}) shows ${what}: ${JSON.stringify(page.text)}`,
      );
      break;
    }
  }
  return problems;
}

const BIDI_OPEN = new Set(["\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]);
const BIDI_ISOLATE = new Set(["\u2066", "\u2067", "\u2068"]);
/** Paragraph separators (UAX #9 class B): each ends every embedding and isolate. */
const PARAGRAPH_END = new Set(["\n", "\r", "\u001c", "\u001d", "\u001e", "\u0085", "\u2029"]);

/** For each code unit of `text` but the controls, the embeddings and isolates open there (UAX #9). */
export function bidiContexts(text: string): (string | undefined)[] {
  const contexts: (string | undefined)[] = [];
  let open: string[] = [];
  for (const character of text) {
    if (BIDI_OPEN.has(character)) {
      open.push(character);
      contexts.push(undefined);
    } else if (character === "\u202c") {
      const top = open.at(-1);
      if (top !== undefined && !BIDI_ISOLATE.has(top)) open.pop();
      contexts.push(undefined);
    } else if (character === "\u2069") {
      const isolate = open.findLastIndex((control) => BIDI_ISOLATE.has(control));
      if (isolate >= 0) open = open.slice(0, isolate);
      contexts.push(undefined);
    } else {
      if (PARAGRAPH_END.has(character)) open = [];
      const context = open.join("");
      for (let unit = 0; unit < character.length; unit++) contexts.push(context);
    }
  }
  return contexts;
}

/** Every page on which a character of its slice is in other directional embeddings than in the text. */
export function bidiProblems(text: string, pages: readonly Page[]): string[] {
  const problems: string[] = [];
  const whole = bidiContexts(text);
  for (const [number, page] of pages.entries()) {
    const shown = bidiContexts(page.text);
    const offset = page.start - page.reopened.length;
    for (
      let index = page.reopened.length;
      index < page.reopened.length + page.end - page.start;
      index++
    ) {
      const onPage = shown[index];
      const inText = whole[index + offset];
      if (onPage === undefined || inText === undefined || onPage === inText) continue;
      problems.push(
        `page ${number} [${page.start}, ${page.end}) has ${JSON.stringify(text[index + offset])} at ` +
          `${index + offset} inside ${JSON.stringify(onPage)}, the text inside ${JSON.stringify(inText)}`,
      );
      break;
    }
  }
  return problems;
}
