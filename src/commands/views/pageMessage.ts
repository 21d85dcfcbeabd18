import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from "@discordjs/builders";
import { ButtonStyle } from "discord.js";
import type { Book, BookPart } from "../../core/Book.js";
import { partLabel } from "../../core/partLabel.js";
import { isLastPage, nextPlace, type Place, pageOf, previousPlace } from "../../core/reading.js";
import { pageCustomId, reactCustomId } from "../customIds.js";
import type { ReplyMessage } from "../types.js";
import { ACCENT, shareOfStory, wholeNumber } from "./style.js";

/** The reaction buttons under the last page of a part: how many readers chose each, and the member's. */
export interface ReactionButtons {
  readonly readers: ReadonlyMap<string, number>;
  readonly chosen: ReadonlySet<string>;
}

/**
 * One page of the story, with where the reader is and Back/Next buttons. The story's first page
 * repeats the rating and content warnings, for readers who start without the title card. The last
 * page of a part also carries the story's reaction emoji as buttons, when `reactions` is given.
 */
export function pageMessage(
  book: Book,
  readable: readonly BookPart[],
  place: Place,
  reactions?: ReactionButtons,
): ReplyMessage {
  const page = pageOf(place);
  const { part } = place.part;
  const footer = [
    part.dateline,
    part.place,
    `Page ${place.pageIndex + 1} of ${place.part.pages.length}`,
    shareOfStory(book, place),
  ].filter((item) => item !== undefined);
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setAuthor({ name: book.story.meta.title })
    .setTitle(partLabel(part))
    .setDescription(page.text)
    .setFooter({ text: footer.join(" · ") });
  if (place.pageIndex === 0 && place.part === book.parts[0]) {
    const { rating, contentWarnings } = book.story.meta;
    embed.addFields(
      { name: "Rating", value: rating, inline: true },
      {
        name: "Content warnings",
        value: contentWarnings.length === 0 ? "None" : contentWarnings.join(", "),
        inline: true,
      },
    );
  }
  const hasPrevious = previousPlace(readable, place) !== undefined;
  const next = nextPlace(readable, place);
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(pageCustomId("back", part.id, page.start))
      .setLabel("Back")
      .setEmoji({ name: "◀️" })
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(!hasPrevious),
    new ButtonBuilder()
      .setCustomId(pageCustomId("next", part.id, page.start))
      .setLabel(isLastPage(place) && next !== undefined ? "Next part" : "Next")
      .setEmoji({ name: "▶️" })
      .setStyle(ButtonStyle.Primary),
  );
  const rows = [buttons.toJSON()];
  if (reactions !== undefined) rows.push(reactionRow(book, part.id, reactions).toJSON());
  return { embeds: [embed.toJSON()], components: rows };
}

/** One button per offered emoji, highlighted when the member chose it, with the readers' count. */
function reactionRow(
  book: Book,
  partId: string,
  reactions: ReactionButtons,
): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    book.story.meta.reactions.map((emoji, index) =>
      new ButtonBuilder()
        .setCustomId(reactCustomId(partId, index))
        .setEmoji({ name: emoji })
        .setLabel(wholeNumber.format(reactions.readers.get(emoji) ?? 0))
        .setStyle(reactions.chosen.has(emoji) ? ButtonStyle.Success : ButtonStyle.Secondary),
    ),
  );
}
