import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from "@discordjs/builders";
import { TimestampStyles, time } from "@discordjs/formatters";
import { ButtonStyle } from "discord.js";
import type { Book, BookPart } from "../core/Book.js";
import { readingMinutes } from "../core/countWords.js";
import { readCustomId } from "../core/customIds.js";
import { contentWarningFields, tagFields } from "../core/listFields.js";
import type { ReplyMessage } from "./ReplyMessage.js";
import { ACCENT, wholeNumber } from "./style.js";

/** The card a member sees before reading: what the story is, its rating and warnings, a Start button. */
export function titleCard(
  book: Book,
  readable: readonly BookPart[],
  nextDrop: Date | undefined,
): ReplyMessage {
  const { meta } = book.story;
  const words = readable.reduce((sum, bookPart) => sum + bookPart.words, 0);
  const scenes = readable.filter((bookPart) => bookPart.part.kind === "scene").length;
  const released =
    scenes === 0
      ? "No parts yet: the author's note and the blurb are ready."
      : `${scenes} ${scenes === 1 ? "part" : "parts"}`;
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setTitle(meta.title)
    .setDescription(`by ${meta.author}`)
    .addFields(
      { name: "Rating", value: meta.rating, inline: true },
      {
        name: "Length so far",
        value: `${wholeNumber.format(words)} words · about ${readingMinutes(words)} min`,
        inline: true,
      },
      { name: "Released", value: released, inline: true },
      ...contentWarningFields(meta.contentWarnings),
      ...tagFields(meta.tags),
    );
  if (nextDrop !== undefined) {
    embed.addFields({
      name: "Next part",
      value: time(nextDrop, TimestampStyles.RelativeTime),
    });
  }
  embed.setFooter({ text: "Only you can see this. Your place is saved as you read." });
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(readCustomId("start", meta.id))
      .setLabel("Start reading")
      .setStyle(ButtonStyle.Primary),
  );
  return { embeds: [embed.toJSON()], components: [buttons.toJSON()] };
}
