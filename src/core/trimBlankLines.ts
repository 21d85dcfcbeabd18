/**
 * Drops the blank lines (empty or spaces and tabs only) before and after a text, and the line
 * break that ends it. Nothing inside changes: not the line endings, not the spaces of a line.
 */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, "").replace(/(?:\r?\n[ \t\r]*)+$/, "");
}
