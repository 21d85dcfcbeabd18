import { type MarkdownNode, parseDiscordMarkdown } from "../../src/core/parseDiscordMarkdown.js";
import { isBreakable, type Unbreakable } from "./pageProblems.js";

/** Node types that are text, not something Discord renders as one thing. */
export const PLAIN_NODES = new Set(["text", "br", "newline", "escape"]);
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
export function delimiterLengths(
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
