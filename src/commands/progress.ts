import { EmbedBuilder } from "@discordjs/builders";
import { partLabel } from "../core/partLabel.js";
import { ACCENT, shareOfStory } from "../views/style.js";
import { guildCommand } from "./guildCommand.js";
import { ReaderSession } from "./readerSession.js";
import { carriedBooks, readingStory, storyChoices, storyOption } from "./servedStory.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "progress",
  description: "See where you are in a story and which parts you have read",
  options: [storyOption],
});

/**
 * `/progress [story]`: where the member is, and which parts they have started and finished, in
 * the story named or else the one they read last.
 */
export const progress = {
  data,
  access: "member",

  execute(services, context) {
    const served = readingStory(services, context, context.options.story);
    const session = new ReaderSession(services, context, served);
    const saved = session.saved();
    const reads = services.store.reads.ofMember(
      context.guildId,
      session.key.storyId,
      context.userId,
    );
    const lines = session.readable.map(({ part }) => {
      const finished = reads.get(part.id);
      const state = finished === undefined ? "not started" : finished ? "read" : "started";
      return `${finished ? "✓" : "·"} ${partLabel(part)}: ${state}`;
    });
    const where =
      saved === undefined
        ? "You haven't started yet: /read shows the title card and a Start button."
        : `You're on **${partLabel(saved.part.part)}**, page ${saved.pageIndex + 1} of ${saved.part.pages.length} (${shareOfStory(served.book, saved)}). /next carries on from there.`;
    const embed = new EmbedBuilder()
      .setColor(ACCENT)
      .setTitle(`Your reading of ${served.book.story.meta.title}`)
      .setDescription(`${where}\n\n${lines.join("\n")}`)
      .setFooter({ text: "Only you can see this. /forget-me erases what I keep about you here." });
    return { mode: "reply", message: { embeds: [embed.toJSON()] } };
  },
  autocomplete(services, context, focused) {
    return storyChoices(carriedBooks(services, context.guildId), focused.typed);
  },
} satisfies ChatCommand<typeof data>;
