/**
 * Turns a title or file name into a valid part id, for the fixes in problem messages:
 * "scenes/003-Paris at Night.md" → "paris-at-night". Falls back when nothing is left.
 */
export function suggestId(text: string, fallback: string): string {
  const name = text
    .replace(/^.*\//, "")
    .replace(/\.md$/i, "")
    .replace(/^\d+[-_ .]*/, "");
  const id = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return id === "" ? fallback : id;
}
