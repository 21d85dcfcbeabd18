import { EmbedBuilder } from "@discordjs/builders";
import type { APIEmbedField } from "discord.js";
import { DISCORD_LIMITS } from "../core/discordLimits.js";
import type { PartFigures, ReactionReport } from "../core/reactionReport.js";
import { clip } from "./clip.js";
import { ACCENT, percent, wholeNumber } from "./style.js";

const {
  fields: MAX_FIELDS,
  fieldValue: FIELD_LIMIT,
  total: EMBED_LIMIT,
  title: TITLE_LIMIT,
} = DISCORD_LIMITS;
const BAR_WIDTH = 12;

/** `████████░░░░`: `value` of `max` as a text bar. */
function textBar(value: number, max: number, width = BAR_WIDTH): string {
  const filled = max <= 0 ? 0 : Math.round((Math.min(value, max) / max) * width);
  return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}

/** How Discord shows an emoji kept as `name:id` (a server's own), or the character itself. */
const emojiText = (emoji: string) => (/^[^:]+:\d+$/.test(emoji) ? `<:${emoji}>` : emoji);

/** The first lines that fit in one field value, whole. */
function fitLines(lines: readonly string[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    if ([...kept, line].join("\n").length > FIELD_LIMIT) break;
    kept.push(line);
  }
  return kept.join("\n");
}

const readers = (count: number) =>
  `${wholeNumber.format(count)} ${count === 1 ? "reader" : "readers"}`;

/** One part's figures as lines of text with bars scaled to the report's largest counts. */
function partBlock(part: PartFigures, maxReaders: number, maxReaction: number): string {
  const lines = [
    `\`Started  ${textBar(part.started, maxReaders)}\` ${wholeNumber.format(part.started)}`,
    `\`Finished ${textBar(part.finished, maxReaders)}\` ${wholeNumber.format(part.finished)}`,
  ];
  const before = part.fromPrevious;
  if (before !== undefined && before.finished > 0) {
    const stopped = Math.max(0, before.finished - before.went);
    lines.push(
      `Of the ${readers(before.finished)} who finished ${clip(before.label, TITLE_LIMIT)}, ${wholeNumber.format(before.went)} went on to this part; ${wholeNumber.format(stopped)} (${percent.format(stopped / before.finished)}) have not.`,
    );
  }
  if (part.reactions.some((reaction) => reaction.readers > 0)) {
    lines.push(
      ...part.reactions.map(
        (reaction) =>
          `${emojiText(reaction.emoji)} \`${textBar(reaction.readers, maxReaction)}\` ${wholeNumber.format(reaction.readers)}`,
      ),
    );
  } else if (part.reactions.length > 0) lines.push("No reactions yet.");
  if (part.earlyStarted > 0) {
    const early = part.earlyReactions.map(
      (reaction) => `${emojiText(reaction.emoji)} ${wholeNumber.format(reaction.readers)}`,
    );
    lines.push(
      `🔑 ${readers(part.earlyStarted)} started it early, before its drop${early.length === 0 ? "." : `; their reactions then: ${early.join(" · ")}.`}`,
    );
  }
  return fitLines(lines);
}

/**
 * The author's view of how each part landed: per part, a readers funnel and reactions by emoji,
 * as text bars. With many parts, the latest that fit in one embed are shown and the reply says
 * how to see the rest. `image` names an attached chart to show under the figures.
 */
export function reactionsEmbed(report: ReactionReport, image?: string): EmbedBuilder {
  const maxReaders = Math.max(0, ...report.parts.map((part) => part.started));
  const maxReaction = Math.max(
    0,
    ...report.parts.flatMap((part) => part.reactions.map((reaction) => reaction.readers)),
  );
  const title = clip(`${report.storyTitle}: how each part landed`, TITLE_LIMIT);
  const note =
    "Readers are the members who opened a page of the part; a reader counts once per emoji, on the drops and the buttons at the end of the part together. The reading and reactions of the authors in AUTHOR_IDS are left out.";
  const fields: APIEmbedField[] = report.parts.map((part) => ({
    name: clip(part.label, TITLE_LIMIT),
    value: partBlock(part, maxReaders, maxReaction),
  }));
  let shown = fields;
  const length = (list: readonly APIEmbedField[], extra: string) =>
    title.length +
    note.length +
    extra.length +
    list.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  let more = "";
  while (shown.length > MAX_FIELDS || (shown.length > 0 && length(shown, more) > EMBED_LIMIT)) {
    shown = shown.slice(1);
    more = `\n\nShowing the latest ${shown.length} of ${fields.length} parts: pick one with the part option, or get every part with /reactions export.`;
  }
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setTitle(title)
    .setDescription(report.parts.length === 0 ? "Nothing is out yet." : `${note}${more}`);
  if (shown.length > 0) embed.addFields(shown);
  if (image !== undefined) embed.setImage(`attachment://${image}`);
  return embed;
}
