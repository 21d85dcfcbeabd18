import { guildCommand } from "./guildCommand.js";
import type { ChatCommand } from "./types.js";

/** `/notify dm:on|off`: a DM when each new part is out, worded by where the member is. */
export const notify = {
  data: guildCommand("notify", "Get a DM when a new part of the story is out")
    .addStringOption((option) =>
      option
        .setName("dm")
        .setDescription("DM me when a new part is out?")
        .setRequired(true)
        .addChoices({ name: "on", value: "on" }, { name: "off", value: "off" }),
    )
    .toJSON(),

  execute(services, context) {
    const storyId = services.book.story.meta.id;
    const { pingRoleId } = services.drops.settingsFor(context.guildId);
    const ping =
      pingRoleId === undefined
        ? ""
        : ` This server also mentions <@&${pingRoleId}> on each new part.`;
    if (context.options.get("dm") === "off") {
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
} satisfies ChatCommand;
