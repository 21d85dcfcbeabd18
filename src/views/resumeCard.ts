import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from "@discordjs/builders";
import { ButtonStyle } from "discord.js";
import type { Book } from "../core/Book.js";
import { readCustomId } from "../core/customIds.js";
import { partLabel } from "../core/partLabel.js";
import type { Place } from "../core/reading.js";
import type { ReplyMessage } from "./ReplyMessage.js";
import { ACCENT, shareOfStory } from "./style.js";

/** For a member who has read before: where they are, with Resume and Start over. */
export function resumeCard(book: Book, place: Place): ReplyMessage {
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setTitle(`Welcome back to ${book.story.meta.title}`)
    .setDescription(
      `You were reading **${partLabel(place.part.part)}**, page ${place.pageIndex + 1} of ${place.part.pages.length} (${shareOfStory(book, place)}).`,
    );
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(readCustomId("resume", book.story.meta.id))
      .setLabel("Resume")
      .setStyle(ButtonStyle.Primary),
    new ButtonBuilder()
      .setCustomId(readCustomId("restart", book.story.meta.id))
      .setLabel("Start over")
      .setStyle(ButtonStyle.Secondary),
  );
  return { embeds: [embed.toJSON()], components: [buttons.toJSON()] };
}
