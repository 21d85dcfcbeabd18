import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Book, BookPart } from "../core/Book.js";
import { pageCustomId, reactCustomId } from "../core/customIds.js";
import { contentWarningFields } from "../core/listFields.js";
import { partLabel } from "../core/partLabel.js";
import { isLastPage, nextPlace, type Place, pageOf, previousPlace } from "../core/reading.js";
import type { ReplyMessage } from "./ReplyMessage.js";
import { ACCENT, shareOfStory, wholeNumber } from "./style.js";

/** The reaction buttons under the last page of a part: how many readers chose each, and the member's. */
export interface ReactionButtons {
  readonly readers: ReadonlyMap<string, number>;
  readonly chosen: ReadonlySet<string>;
}

type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/**
 * One page of the story, with where the reader is and Back/Next buttons. The story's first page
 * repeats the rating and content warnings, for readers who start without the title card. The last
 * page of a part also carries the story's reaction emoji as buttons, when `reactions` is given.
 * A part read by early access says so on each page, first in the footer.
 *
 * Every page turn renders one, so it is built as plain API objects: the builders' validation
 * (shapeshift, which builds an error object for each union alternative it rules out) took about a
 * tenth of the bot's CPU time per page turn.
 */
export function pageMessage(
  book: Book,
  readable: readonly BookPart[],
  place: Place,
  reactions?: ReactionButtons,
  early = false,
): ReplyMessage {
  const page = pageOf(place);
  const { part } = place.part;
  const footer = [
    early ? "🔑 Early access: not out for everyone yet" : undefined,
    part.dateline,
    part.place,
    `Page ${place.pageIndex + 1} of ${place.part.pages.length}`,
    shareOfStory(book, place),
  ].filter((item) => item !== undefined);
  const embed: APIEmbed = {
    color: ACCENT,
    author: { name: book.story.meta.title },
    title: partLabel(part),
    description: page.text,
    footer: { text: footer.join(" · ") },
  };
  if (place.pageIndex === 0 && place.part === book.parts[0]) {
    const { rating, contentWarnings } = book.story.meta;
    embed.fields = [
      { name: "Rating", value: rating, inline: true },
      ...contentWarningFields(contentWarnings).map((field) => ({ ...field, inline: true })),
    ];
  }
  const next = nextPlace(readable, place);
  const buttons: ButtonRow = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        custom_id: pageCustomId("back", part.id, page.start),
        label: "Back",
        emoji: { name: "◀️" },
        style: ButtonStyle.Secondary,
        disabled: previousPlace(readable, place) === undefined,
      },
      {
        type: ComponentType.Button,
        custom_id: pageCustomId("next", part.id, page.start),
        label: isLastPage(place) && next !== undefined ? "Next part" : "Next",
        emoji: { name: "▶️" },
        style: ButtonStyle.Primary,
      },
    ],
  };
  const rows = [buttons];
  if (reactions !== undefined) rows.push(reactionRow(book, part.id, reactions));
  return { embeds: [embed], components: rows };
}

/** One button per offered emoji, highlighted when the member chose it, with the readers' count. */
function reactionRow(book: Book, partId: string, reactions: ReactionButtons): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: book.story.meta.reactions.map((emoji, index) => ({
      type: ComponentType.Button,
      custom_id: reactCustomId(partId, index),
      emoji: { name: emoji },
      label: wholeNumber.format(reactions.readers.get(emoji) ?? 0),
      style: reactions.chosen.has(emoji) ? ButtonStyle.Success : ButtonStyle.Secondary,
    })),
  };
}
