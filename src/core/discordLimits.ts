/**
 * Discord's limits on the text of a message's embeds, in characters as Discord counts them
 * (Unicode code points, see `discordLength`). A page of page_length UTF-16 code units never has
 * more code points than that.
 */
export const DISCORD_LIMITS = {
  /** An embed's title; its author line and a field's name have the same limit. */
  title: 256,
  description: 4096,
  fieldValue: 1024,
  footer: 2048,
  /** Fields in one embed. */
  fields: 25,
  /** All the text of a message's embeds: titles, descriptions, field names and values, footers and author lines. */
  total: 6000,
} as const;

export interface EmbedFieldText {
  readonly name: string;
  readonly value: string;
}

/** The text of an embed, in the shape of Discord's own embed objects. */
export interface EmbedText {
  readonly title?: string;
  readonly description?: string;
  readonly author?: { readonly name: string };
  readonly footer?: { readonly text: string };
  readonly fields?: readonly EmbedFieldText[];
}

/** Length as Discord counts it: Unicode code points, not UTF-16 code units. */
export function discordLength(text: string | undefined): number {
  let count = 0;
  for (const _ of text ?? "") count += 1;
  return count;
}

/** The characters an embed adds to its message's total (see `DISCORD_LIMITS.total`). */
export function embedLength(embed: EmbedText): number {
  return (
    discordLength(embed.title) +
    discordLength(embed.description) +
    discordLength(embed.author?.name) +
    discordLength(embed.footer?.text) +
    (embed.fields ?? []).reduce(
      (sum, field) => sum + discordLength(field.name) + discordLength(field.value),
      0,
    )
  );
}
