import { ApplicationCommandOptionType as OptionType } from "discord.js";
import { UserError } from "../core/UserError.js";
import { guildCommand } from "./guildCommand.js";
import { carriedBooks, storyChoices, storyFor, storyOption, titles } from "./servedStory.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "notify",
  description: "Get a DM when a new part of a story is out",
  options: [
    {
      type: OptionType.String,
      name: "dm",
      description: "DM me when a new part is out?",
      required: true,
      choices: [
        { name: "on", value: "on" },
        { name: "off", value: "off" },
      ],
    },
    { ...storyOption, description: "Which story (every story here when left out)" },
  ],
});

/**
 * `/notify dm:on|off [story]`: a DM when each new part is out, worded by where the member is;
 * for the story named, or for every story the server carries.
 */
export const notify = {
  data,
  access: "member",

  execute(services, context) {
    const { story } = context.options;
    const books =
      story === undefined
        ? carriedBooks(services, context.guildId)
        : [storyFor(services, context.guildId, story).book];
    if (books.length === 0) throw new UserError("This server carries no story at the moment.");
    const roles = new Set(
      books.flatMap((book) => {
        const { pingRoleId } = services.drops(book.story.meta.id).settingsFor(context.guildId);
        return pingRoleId === undefined ? [] : [pingRoleId];
      }),
    );
    // A role mention is about 22 characters: five keep the reply far within Discord's 2,000.
    const mentions = [...roles].slice(0, 5).map((role) => `<@&${role}>`);
    const ping =
      roles.size === 0
        ? ""
        : ` This server also mentions ${mentions.join(", ")}${roles.size > 5 ? " and other roles" : ""} on each new part.`;
    const which = books.length === 1 ? "" : ` (${titles(books)})`;
    const { notices } = services.store;
    if (context.options.dm === "off") {
      for (const book of books)
        notices.unsubscribe(context.guildId, book.story.meta.id, context.userId);
      return { mode: "reply", message: { content: `No more DMs about new parts${which}.${ping}` } };
    }
    for (const book of books)
      notices.subscribe(context.guildId, book.story.meta.id, context.userId, context.now);
    return {
      mode: "reply",
      message: {
        content: `I'll DM you when a new part is out${which}, with where you are in the story. If no DM comes, allow direct messages from this server's members in your privacy settings.${ping}`,
      },
    };
  },

  autocomplete(services, context, focused) {
    return storyChoices(carriedBooks(services, context.guildId), focused.typed);
  },
} satisfies ChatCommand<typeof data>;
