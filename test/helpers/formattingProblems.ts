import type { Page } from "../../src/core/pager.js";
import { type MarkdownNode, parseDiscordMarkdown } from "../../src/core/parseDiscordMarkdown.js";
import { PLAIN_NODES } from "./discordThings.js";
import type { Unbreakable } from "./pageProblems.js";

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

export interface Formatting {
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
