import { UserError } from "../core/UserError.js";
import { storyProblemsNotice } from "../story/storyProblemsNotice.js";
import type { SubcommandHandlers } from "./runSubcommand.js";
import { say } from "./say.js";
import type { serialData } from "./serialData.js";
import { findBook, storyFor } from "./servedStory.js";

/** `/serial` for the stories a server carries, who reads early, and reloading the story folder. */
export const serialStoryHandlers: Pick<
  SubcommandHandlers<typeof serialData>,
  "early-access" | "carry" | "reload"
> = {
  "early-access"(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const { role, parts } = context.options;
    const { id, title } = book.story.meta;
    const { earlyAccess } = services.store;
    services.log.info(
      { guildId: context.guildId, userId: context.userId, storyId: id, roleId: role, parts },
      "early access set",
    );
    if (parts === 0) {
      return say(
        earlyAccess.revoke(context.guildId, id, role)
          ? `<@&${role}> no longer reads **${title}** early. Its members keep their places; they read what is out, like everyone.`
          : `<@&${role}> had no early access to **${title}**.`,
      );
    }
    earlyAccess.grant(context.guildId, id, role, parts, context.now);
    return say(
      `Members with <@&${role}> can now read the next ${parts === 1 ? "part" : `${parts} parts`} of **${title}** privately with /read, before the public drop; each page says it is early access. Drops and their order are unchanged.`,
    );
  },

  carry(services, context) {
    const book = findBook(services.library().books, context.options.story);
    if (book === undefined)
      throw new UserError(
        `There is no story called "${context.options.story}". Pick one from the list as you type.`,
      );
    const { id, title } = book.story.meta;
    const carried = context.options.on;
    services.store.carried.set(context.guildId, id, carried, context.now);
    services.drops(id).reschedule(context.guildId);
    services.log.info(
      { guildId: context.guildId, userId: context.userId, storyId: id, carried },
      "story carried",
    );
    return say(
      carried
        ? `This server carries **${title}** again: readers can read what is out, and its drops follow its schedule.`
        : `This server no longer carries **${title}**: readers no longer see it here and it drops nothing. Its readers' places, releases and figures are kept; /serial carry turns it back on.`,
    );
  },

  async reload(services, context) {
    // The folder serves every server: a member managing one of them may not make all re-read it.
    if (!services.authorIds.has(context.userId)) {
      throw new UserError(
        "Only the users in the bot's AUTHOR_IDS may reload the story folder. It is watched: a saved change is served within a second.",
      );
    }
    const outcome = await services.reload();
    services.log.info(
      { guildId: context.guildId, userId: context.userId, ok: outcome.ok },
      "story folder reload asked for",
    );
    if (!outcome.ok) return say(storyProblemsNotice(services.storyDir, outcome.problems));
    const books = outcome.library.books;
    const parts = books.reduce((sum, book) => sum + book.parts.length, 0);
    const warned =
      outcome.warnings.length === 0
        ? ""
        : ` ${outcome.warnings.length} ${outcome.warnings.length === 1 ? "warning" : "warnings"}: \`npm run preview\` shows them.`;
    return say(
      `Reloaded the story folder: ${books.length} ${books.length === 1 ? "story" : "stories"}, ${parts} parts. New scenes drop on schedule; edited text is what readers see from their next page.${warned}`,
    );
  },
};
