/** The first characters of `text` that fit in `limit` UTF-16 units, never half an emoji. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let kept = "";
  for (const char of text) {
    if (kept.length + char.length > limit - 1) break;
    kept += char;
  }
  return `${kept}…`;
}
