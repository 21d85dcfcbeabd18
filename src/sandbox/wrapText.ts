const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

const split = (text: string) => Array.from(graphemes.segment(text), (segment) => segment.segment);

/** A Markdown list item, whose wrapped lines Discord sets under its text, not under the dash. */
const LIST_ITEM = /^[-*] /;

/** The narrowest width at which a list item's lines are set in: below it, nothing would fit. */
const MIN_INDENTED = 10;

/**
 * Wraps text to `width` columns at spaces, splitting (at graphemes) only words longer than a
 * line. A list item (`- …`) continues two columns in, under its text.
 */
export function wrapText(text: string, width: number): string[] {
  return text.split(/\r?\n/).flatMap((paragraph) => {
    const indent = LIST_ITEM.test(paragraph) && width >= MIN_INDENTED ? "  " : "";
    return wrapParagraph(paragraph, width, width - indent.length).map((line, index) =>
      index === 0 ? line : `${indent}${line}`,
    );
  });
}

/** A paragraph's lines: the first at most `first` columns wide, the others `rest`. */
function wrapParagraph(paragraph: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  const room = () => (lines.length === 0 ? first : rest);
  let line: string[] = [];
  for (const word of paragraph.split(" ")) {
    const pieces = split(word);
    if (line.length > 0 && line.length + 1 + pieces.length <= room()) {
      line.push(" ", ...pieces);
      continue;
    }
    if (line.length > 0) lines.push(line.join(""));
    while (pieces.length > room()) lines.push(pieces.splice(0, room()).join(""));
    line = pieces;
  }
  lines.push(line.join(""));
  return lines;
}
