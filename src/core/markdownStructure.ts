import type { CarriedSpan } from "./CarriedSpan.js";
import { LONE_DELIMITER_WEIGHT } from "./loneDelimiterWeight.js";
import { type MarkdownNode, parseDiscordMarkdown } from "./parseDiscordMarkdown.js";
import type { Span } from "./span.js";
import type { GuardedSpan } from "./spanGuard.js";

/** What the pager needs of a text's Markdown. */
export interface MarkdownStructure {
  /**
   * Everything Discord renders as one thing: a page break inside one that fits is a cut. A
   * block marker (`> `, `# `) and the first character it marks are one thing too.
   */
  readonly whole: readonly GuardedSpan[];
  /** The spans a page break may go through, closed and opened again around it. */
  readonly carried: readonly CarriedSpan[];
  /** Every span with delimiters, carried or not (inside a `>` quote): none may stand alone. */
  readonly delimited: readonly CarriedSpan[];
  /** Where a heading or subtext starts: elsewhere Discord's parser reads a `# ` line as text. */
  readonly headingStarts: ReadonlySet<number>;
  /** Code blocks and inline code, in order: inside them no line is a block. */
  readonly code: readonly Span[];
}

/** Delimiters on both sides, as many on each: `**bold**`, `~~strike~~`, `||spoiler||`. */
const PAIRED = new Map([
  ["strong", 2],
  ["underline", 2],
  ["strikethrough", 2],
  ["spoiler", 2],
  ["em", 1],
  ["nestedEm", 1],
]);
const HEADINGS = new Set(["heading", "subtext"]);
const CODE = new Set(["codeBlock", "inlineCode"]);
/** Nodes that are text, not formatting: nothing to keep whole. */
const PLAIN = new Set(["text", "br", "newline", "escape"]);
const CODE_OPEN = /^```(?:([a-z0-9_+\-.#]+?)(?:\r?\n)+)?(?:\r?\n)*/i;
const CODE_CLOSE = /(?:\r?\n)*```$/;
const BLOCK_QUOTE = /^ *>>> ?/;
const LINE_QUOTE = /^ *> ?/;
/** Inline code's closing run, as long as its opening one: its content may start with "`". */
const BACKTICKS = /`+$/;
/** A block marker at the start of a line with the first character it marks. */
const MARKED_LINE_START = /^(?: *>>> | *> |#{1,3} +|-# +)(?=\S)/gm;
/**
 * The Markdown of `text` as Discord renders it (parsed by `parseDiscordMarkdown`), in the
 * terms the pager uses. A `>` quote is not kept whole, since each of its lines carries its
 * own marker; the rest is. What is inside a `>` quote is not carried over a page break: its
 * delimiters would come before the next line's `>` and end the quote. Each scene (the text
 * between scene-break lines such as `***`) is read on its own: formatting does not run from
 * one scene into the next, and a scene break's stars are a break, not bold.
 */
export function markdownStructure(text: string, sceneBreaks: readonly Span[]): MarkdownStructure {
  const whole: GuardedSpan[] = [];
  const carried: CarriedSpan[] = [];
  const delimited: CarriedSpan[] = [];
  const headingStarts = new Set<number>();
  const code: Span[] = [];
  const visit = (nodes: readonly MarkdownNode[], offset: number, inLineQuote: boolean) => {
    for (const node of nodes) {
      const start = offset + node.start;
      const end = offset + node.end;
      const span = carriedSpan({ ...node, start, end }, text.slice(start, end));
      if (span && !inLineQuote) carried.push(span);
      if (span) delimited.push(span);
      if (HEADINGS.has(node.type)) headingStarts.add(start);
      if (CODE.has(node.type)) code.push({ start, end });
      if (!PLAIN.has(node.type) && !(span?.perLine ?? false)) whole.push({ start, end });
      visit(node.children, offset, inLineQuote || (span?.perLine ?? false));
    }
  };
  let from = 0;
  for (const line of [...sceneBreaks, { start: text.length, end: text.length }]) {
    visit(parseDiscordMarkdown(text.slice(from, line.start)), from, false);
    from = line.end;
  }
  for (const marker of text.matchAll(MARKED_LINE_START)) {
    whole.push({
      start: marker.index,
      end: marker.index + marker[0].length + 1,
      weight: LONE_DELIMITER_WEIGHT,
    });
  }
  return { whole, carried, delimited, headingStarts, code };
}

/** How a node is closed and opened again around a page break, if it can be. */
function carriedSpan(node: MarkdownNode, slice: string): CarriedSpan | undefined {
  const { type, start, end } = node;
  const base = { start, end, perLine: false, keepsIndent: false };
  const width = PAIRED.get(type);
  if (width !== undefined) {
    const delimiter = slice.slice(0, width);
    return {
      ...base,
      contentStart: start + width,
      contentEnd: end - width,
      open: delimiter,
      close: delimiter,
    };
  }
  if (type === "inlineCode") {
    const ticks = BACKTICKS.exec(slice)?.[0] ?? "`";
    return {
      ...base,
      contentStart: start + ticks.length,
      contentEnd: end - ticks.length,
      open: ticks,
      close: ticks,
    };
  }
  if (type === "codeBlock") {
    const opening = CODE_OPEN.exec(slice);
    const closing = CODE_CLOSE.exec(slice);
    if (!opening || !closing) return undefined;
    return {
      ...base,
      contentStart: start + opening[0].length,
      contentEnd: end - closing[0].length,
      open: `\`\`\`${opening[1] ?? ""}\n`,
      close: "\n```",
      keepsIndent: true,
    };
  }
  if (type === "blockQuote") {
    const block = BLOCK_QUOTE.exec(slice);
    const marker = block ?? LINE_QUOTE.exec(slice);
    if (!marker) return undefined;
    return {
      ...base,
      contentStart: start + marker[0].length,
      contentEnd: end,
      open: block ? ">>> " : "> ",
      close: "",
      perLine: !block,
    };
  }
  return undefined;
}
