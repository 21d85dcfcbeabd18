import { EmbedBuilder } from "@discordjs/builders";
import type { RESTPostAPIChannelMessageJSONBody } from "discord.js";
import type { Book, BookPart } from "../core/Book.js";
import { readingMinutes } from "../core/countWords.js";
import { partLabel } from "../core/partLabel.js";
import { ACCENT } from "./style.js";

/**
 * The messages of one drop, one per page: the first carries the header (story, part, dateline
 * and place, reading time), the last the pointer to private reading and, once posted, the
 * reaction emoji.
 */
export function dropMessages(
  book: Book,
  bookPart: BookPart,
  pingRoleId: string | undefined,
): RESTPostAPIChannelMessageJSONBody[] {
  const { part, pages } = bookPart;
  const count = pages.length;
  return pages.map((page, index) => {
    const embed = new EmbedBuilder().setColor(ACCENT).setDescription(page.text);
    const counter = count > 1 ? [`${index + 1}/${count}`] : [];
    if (index === 0) {
      embed
        .setAuthor({ name: book.story.meta.title })
        .setTitle(`New: ${partLabel(part)}`)
        .setFooter({
          text: [
            part.dateline,
            part.place,
            `about ${readingMinutes(bookPart.words)} min read`,
            ...counter,
          ]
            .filter((item) => item !== undefined)
            .join(" · "),
        });
    } else {
      embed.setFooter({ text: [partLabel(part), ...counter].join(" · ") });
    }
    const lines = [
      ...(index === 0 && pingRoleId !== undefined ? [`<@&${pingRoleId}> a new part is out!`] : []),
      ...(index === count - 1
        ? [
            "Read it privately, page by page, with /read: it keeps your place. React below to tell the author how it landed.",
          ]
        : []),
    ];
    return {
      embeds: [embed.toJSON()],
      ...(lines.length > 0 ? { content: lines.join("\n") } : {}),
      allowed_mentions: {
        parse: [],
        roles: index === 0 && pingRoleId !== undefined ? [pingRoleId] : [],
      },
    };
  });
}
