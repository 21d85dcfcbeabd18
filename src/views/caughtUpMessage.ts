import { TimestampStyles, time } from "@discordjs/formatters";
import { ButtonStyle, ComponentType } from "discord.js";
import type { Book } from "../core/Book.js";
import { pageCustomId } from "../core/customIds.js";
import { type Place, pageOf } from "../core/reading.js";
import type { ReplyMessage } from "./ReplyMessage.js";
import { ACCENT } from "./style.js";

/**
 * Shown after the last released page: caught up, and when the next part comes. Built as plain API
 * objects, like `pageMessage`, because every Next past the end renders one.
 */
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
  return {
    embeds: [
      {
        color: ACCENT,
        author: { name: book.story.meta.title },
        title: "You're all caught up",
        description: moreToCome
          ? `${when}\nWhen it is out, type /next to carry on from here.`
          : when,
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            custom_id: pageCustomId("at", last.part.part.id, pageOf(last).start),
            label: "Back to the last page",
            emoji: { name: "◀️" },
            style: ButtonStyle.Secondary,
          },
        ],
      },
    ],
  };
}
