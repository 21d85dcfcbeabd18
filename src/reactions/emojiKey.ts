/**
 * How an emoji is kept, and named in reaction routes: the character itself, or `name:id` for a
 * server's custom emoji.
 */
export function emojiKey(emoji: {
  readonly id: string | null;
  readonly name: string | null;
}): string {
  return emoji.id === null ? (emoji.name ?? "?") : `${emoji.name ?? "emoji"}:${emoji.id}`;
}
