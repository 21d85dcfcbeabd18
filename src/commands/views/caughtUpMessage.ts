import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from "@discordjs/builders";
import { TimestampStyles, time } from "@discordjs/formatters";
import { ButtonStyle } from "discord.js";
import type { Book } from "../../core/Book.js";
import { type Place, pageOf } from "../../core/reading.js";
import { pageCustomId } from "../customIds.js";
import type { ReplyMessage } from "../types.js";
import { ACCENT } from "./style.js";

/** Shown after the last released page: caught up, and when the next part comes. */
export function caughtUpMessage(
  book: Book,
  last: Place,
  moreToCome: boolean,
  nextDrop: Date | undefined,
): ReplyMessage {
  let when: string;
  if (!moreToCome) when = "That's the whole story as written so far. Thank you for reading!";
  else if (nextDrop !== undefined) {
    when = `The next part arrives ${time(nextDrop, TimestampStyles.RelativeTime)}.`;
  } else when = "The next part hasn't been scheduled yet. You'll find it here once it's out.";
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setAuthor({ name: book.story.meta.title })
    .setTitle("You're all caught up")
    .setDescription(
      moreToCome ? `${when}\nWhen it is out, type /next to carry on from here.` : when,
    );
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(pageCustomId("at", last.part.part.id, pageOf(last).start))
      .setLabel("Back to the last page")
      .setEmoji({ name: "◀️" })
      .setStyle(ButtonStyle.Secondary),
  );
  return { embeds: [embed.toJSON()], components: [buttons.toJSON()] };
}
