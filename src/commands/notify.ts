import { ApplicationCommandOptionType as OptionType } from "discord.js";
import { guildCommand } from "./guildCommand.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "notify",
  description: "Get a DM when a new part of the story is out",
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
  ],
});

/** `/notify dm:on|off`: a DM when each new part is out, worded by where the member is. */
export const notify = {
  data,
  access: "member",

  execute(services, context) {
    const storyId = services.book.story.meta.id;
    const { pingRoleId } = services.drops.settingsFor(context.guildId);
    const ping =
      pingRoleId === undefined
        ? ""
        : ` This server also mentions <@&${pingRoleId}> on each new part.`;
    if (context.options.dm === "off") {
      services.store.notices.unsubscribe(context.guildId, storyId, context.userId);
      return { mode: "reply", message: { content: `No more DMs about new parts.${ping}` } };
    }
    services.store.notices.subscribe(context.guildId, storyId, context.userId, context.now);
    return {
      mode: "reply",
      message: {
        content: `I'll DM you when a new part is out, with where you are in the story. If no DM comes, allow direct messages from this server's members in your privacy settings.${ping}`,
      },
    };
  },
} satisfies ChatCommand<typeof data>;
