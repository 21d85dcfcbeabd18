import type { APIEmbed, APIEmbedField, APIMessage } from "discord-api-types/v10";
import { columns } from "./columns.js";
import { formatTimestamps } from "./formatTimestamps.js";
import { wrapText } from "./wrapText.js";

export interface RenderOptions {
  readonly width: number;
  readonly color: boolean;
  readonly now: Date;
  readonly timeZone: string;
  /** Channel names, to show `<#id>` as `#name`. */
  readonly channelNames?: ReadonlyMap<string, string>;
}

const style = (code: string, on: boolean) => (text: string) =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;

/**
 * A message as a person would see it in Discord: text, embeds as framed blocks, buttons as
 * [Labels] (a row of them wrapped to the width), then the reactions with their counts.
 */
export function renderMessage(message: APIMessage, options: RenderOptions): string {
  const bold = style("1", options.color);
  const dim = style("2", options.color);
  const text = (value: string) =>
    formatTimestamps(value, options.now, options.timeZone).replace(
      /<#(\d+)>/g,
      (mention, id: string) => `#${options.channelNames?.get(id) ?? mention.slice(2, -1)}`,
    );
  const lines: string[] = [];
  if (((message.flags ?? 0) & 64) === 64) lines.push(dim("(only visible to you)"));
  if (message.content !== "") lines.push(...wrapText(text(message.content), options.width));
  for (const embed of message.embeds) lines.push(...renderEmbed(embed, options, bold, dim, text));
  const buttons = (message.components ?? []).flatMap((row) =>
    "components" in row
      ? buttonLines(
          row.components.flatMap((component) => {
            if (!("label" in component)) return [];
            const emoji =
              "emoji" in component && component.emoji?.name ? `${component.emoji.name} ` : "";
            const label = `[${emoji}${component.label ?? ""}]`;
            return [{ label, disabled: "disabled" in component && component.disabled === true }];
          }),
          options.width,
        ).map((line) =>
          line.map(({ label, disabled }) => (disabled ? dim(label) : bold(label))).join("  "),
        )
      : [],
  );
  for (const attachment of message.attachments ?? []) {
    lines.push(
      dim(`📎 ${attachment.filename} (${Math.max(1, Math.round(attachment.size / 1024))} KB)`),
    );
  }
  lines.push(...buttons);
  const reactions = (message.reactions ?? []).map(
    (reaction) => `${reaction.emoji.name ?? "?"} ${reaction.count}`,
  );
  if (reactions.length > 0) lines.push(reactions.join("  "));
  return lines.join("\n");
}

function renderEmbed(
  embed: APIEmbed,
  options: RenderOptions,
  bold: (text: string) => string,
  dim: (text: string) => string,
  text: (value: string) => string,
): string[] {
  const inner = Math.max(20, options.width - 2);
  const framed = (line: string) => `│ ${line}`;
  const lines = [`╭${"─".repeat(inner + 1)}`];
  if (embed.author?.name) lines.push(framed(dim(embed.author.name)));
  if (embed.title)
    lines.push(...wrapText(text(embed.title), inner).map((line) => framed(bold(line))));
  if (embed.description) {
    if (lines.length > 1) lines.push(framed(""));
    lines.push(...wrapText(text(embed.description), inner).map(framed));
  }
  if ((embed.fields ?? []).length > 0) {
    lines.push(framed(""), ...fieldLines(embed.fields ?? [], inner, bold, text).map(framed));
  }
  if (embed.image?.url) {
    lines.push(
      framed(""),
      framed(dim(`[image: ${embed.image.url.replace(/^attachment:\/\//, "")}]`)),
    );
  }
  if (embed.footer?.text) {
    lines.push(
      framed(""),
      ...wrapText(text(embed.footer.text), inner).map((line) => framed(dim(line))),
    );
  }
  lines.push(`╰${"─".repeat(inner + 1)}`);
  return lines;
}

/**
 * An embed's fields, a line each as `name: value`; a value of several lines (a story on the
 * library card, a line per part) reads as the field's own lines only with its name above them,
 * as Discord shows it, and a blank line around it.
 */
function fieldLines(
  fields: readonly APIEmbedField[],
  width: number,
  bold: (text: string) => string,
  text: (value: string) => string,
): string[] {
  const lines: string[] = [];
  for (const field of fields) {
    const value = text(field.value);
    if (!value.includes("\n")) {
      lines.push(...wrapText(`${field.name}: ${value}`, width));
      continue;
    }
    if (lines.length > 0 && lines.at(-1) !== "") lines.push("");
    lines.push(...wrapText(field.name, width).map(bold), ...wrapText(value, width), "");
  }
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

interface ButtonLabel {
  readonly label: string;
  readonly disabled: boolean;
}

/**
 * A row of buttons cut into lines of at most `width` columns (a button wider than that gets a
 * line of its own), so that each label can be read whole, to be typed.
 */
function buttonLines(row: readonly ButtonLabel[], width: number): ButtonLabel[][] {
  const lines: ButtonLabel[][] = [];
  let used = 0;
  for (const button of row) {
    const size = columns(button.label);
    const line = lines.at(-1);
    if (line === undefined || used + 2 + size > width) {
      lines.push([button]);
      used = size;
    } else {
      line.push(button);
      used += 2 + size;
    }
  }
  return lines;
}
