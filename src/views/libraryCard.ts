import { ActionRowBuilder, ButtonBuilder, EmbedBuilder } from "@discordjs/builders";
import { ButtonStyle } from "discord.js";
import type { Book } from "../core/Book.js";
import { readCustomId } from "../core/customIds.js";
import { DISCORD_LIMITS } from "../core/discordLimits.js";
import { partLabel } from "../core/partLabel.js";
import type { Place } from "../core/reading.js";
import { clip } from "./clip.js";
import type { ReplyMessage } from "./ReplyMessage.js";
import { ACCENT, shareOfStory } from "./style.js";

/** One story on the library card: its parts out in this server, and where the member is in it. */
export interface LibraryEntry {
  readonly book: Book;
  readonly partsOut: number;
  readonly place: Place | undefined;
}

/** Stories on one card: an embed has at most 25 fields, a message 25 buttons. */
const SHOWN = 25;
const BUTTON_LABEL = 80;
const PER_ROW = 5;

/**
 * `/read` where the server carries several stories: each story's title card in short, with a
 * button that opens it. Each field gets an equal share of the message's 6,000 characters.
 */
export function libraryCard(entries: readonly LibraryEntry[]): ReplyMessage {
  const shown = entries.slice(0, SHOWN);
  const footer =
    entries.length > SHOWN
      ? `${entries.length - SHOWN} more: /read story:<its name>. Only you can see this.`
      : "Only you can see this. Your place in each story is kept.";
  const title = "The stories in this server";
  const names = shown.map(({ book }) => clip(book.story.meta.title, DISCORD_LIMITS.title));
  const room =
    DISCORD_LIMITS.total -
    title.length -
    footer.length -
    names.reduce((sum, name) => sum + name.length, 0);
  const share = Math.min(DISCORD_LIMITS.fieldValue, Math.floor(room / Math.max(1, shown.length)));
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setTitle(title)
    .addFields(
      shown.map((entry, index) => ({
        name: names[index] ?? entry.book.story.meta.id,
        value: clip(summary(entry), share),
      })),
    )
    .setFooter({ text: footer });
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let start = 0; start < shown.length; start += PER_ROW) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        shown.slice(start, start + PER_ROW).map(({ book, place }) =>
          new ButtonBuilder()
            // Resume goes straight back to the member's page; Open shows the title card.
            .setCustomId(readCustomId(place === undefined ? "open" : "resume", book.story.meta.id))
            .setLabel(
              clip(
                `${place === undefined ? "Open" : "Resume"} ${book.story.meta.title}`,
                BUTTON_LABEL,
              ),
            )
            .setStyle(place === undefined ? ButtonStyle.Secondary : ButtonStyle.Primary),
        ),
      ),
    );
  }
  return { embeds: [embed.toJSON()], components: rows.map((row) => row.toJSON()) };
}

function summary({ book, partsOut, place }: LibraryEntry): string {
  const { meta } = book.story;
  const out =
    partsOut === 0 ? "no parts out yet" : `${partsOut} ${partsOut === 1 ? "part" : "parts"} out`;
  const where =
    place === undefined
      ? "Not started."
      : `You're on **${partLabel(place.part.part)}** (${shareOfStory(book, place)}).`;
  const warnings = meta.contentWarnings.length === 0 ? "None" : meta.contentWarnings.join(", ");
  return `by ${meta.author} · ${meta.rating} · ${out}\n${where}\nContent warnings: ${warnings}`;
}
