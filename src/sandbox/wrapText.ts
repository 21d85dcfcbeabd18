const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

const split = (text: string) => Array.from(graphemes.segment(text), (segment) => segment.segment);

/** Wraps text to `width` columns at spaces, splitting (at graphemes) only words longer than a line. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line: string[] = [];
    for (const word of paragraph.split(" ")) {
      const pieces = split(word);
      while (pieces.length > width) {
        if (line.length > 0) lines.push(line.join(""));
        line = [];
        lines.push(pieces.splice(0, width).join(""));
      }
      if (line.length === 0) line = pieces;
      else if (line.length + 1 + pieces.length <= width) line.push(" ", ...pieces);
      else {
        lines.push(line.join(""));
        line = pieces;
      }
    }
    lines.push(line.join(""));
  }
  return lines;
}
