import type { ReplyMessage } from "../../src/views/ReplyMessage.js";

const length = (text: string | undefined) => [...(text ?? "")].length;

/** Every way a message breaks Discord's documented limits; empty when it is within them. */
export function limitProblems(message: ReplyMessage): string[] {
  const problems: string[] = [];
  if (length(message.content) > 2000) problems.push("content over 2000");
  const embeds = message.embeds ?? [];
  if (embeds.length > 10) problems.push("more than 10 embeds");
  let total = 0;
  for (const embed of embeds) {
    if (length(embed.title) > 256) problems.push("embed title over 256");
    if (length(embed.description) > 4096) problems.push("embed description over 4096");
    if (length(embed.footer?.text) > 2048) problems.push("footer over 2048");
    if (length(embed.author?.name) > 256) problems.push("author over 256");
    if ((embed.fields ?? []).length > 25) problems.push("more than 25 fields");
    total +=
      length(embed.title) +
      length(embed.description) +
      length(embed.footer?.text) +
      length(embed.author?.name);
    for (const field of embed.fields ?? []) {
      if (length(field.name) > 256 || length(field.value) > 1024) problems.push("field too long");
      total += length(field.name) + length(field.value);
    }
  }
  if (total > 6000) problems.push("embeds over 6000 in all");
  const rows = message.components ?? [];
  if (rows.length > 5) problems.push("more than 5 rows");
  for (const row of rows) {
    if (row.components.length > 5) problems.push("more than 5 components in a row");
    for (const component of row.components) {
      if (
        "custom_id" in component &&
        (component.custom_id.length < 1 || component.custom_id.length > 100)
      ) {
        problems.push(`custom_id ${component.custom_id} not 1-100`);
      }
      if ("label" in component && length(component.label) > 80) problems.push("label over 80");
    }
  }
  if (message.content === undefined && embeds.length === 0) problems.push("empty message");
  return problems;
}
