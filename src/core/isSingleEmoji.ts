// biome-ignore lint/complexity/useRegexLiterals: TypeScript accepts the `v` flag in a literal only when targeting ES2024.
const rgiEmoji = new RegExp("^\\p{RGI_Emoji}$", "v");

/** True when the text is exactly one emoji as Unicode recommends it (e.g. "❤️", "👍🏽", "🇬🇧"). */
export function isSingleEmoji(text: string): boolean {
  return rgiEmoji.test(text);
}
