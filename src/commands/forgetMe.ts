import { ActionRowBuilder, ButtonBuilder } from "@discordjs/builders";
import { ButtonStyle } from "discord.js";
import { guildCommand } from "./guildCommand.js";
import type { ButtonHandler, ChatCommand } from "./types.js";

const FORGET_PREFIX = "forget";

const data = guildCommand({
  name: "forget-me",
  description: "Erase your place, reading history, DM choice and reactions kept by this bot here",
});

/** `/forget-me`: asks first, then erases everything the bot keeps about the member in this server. */
export const forgetMe = {
  data,
  access: "member",

  execute() {
    const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(`${FORGET_PREFIX}:confirm`)
        .setLabel("Erase my data")
        .setStyle(ButtonStyle.Danger),
      new ButtonBuilder()
        .setCustomId(`${FORGET_PREFIX}:cancel`)
        .setLabel("Keep it")
        .setStyle(ButtonStyle.Secondary),
    );
    return {
      mode: "reply",
      message: {
        content:
          "This erases, in this server: your place in the story, which parts you read, your DM choice, and the reactions I recorded from you. It cannot be undone.",
        components: [buttons.toJSON()],
      },
    };
  },
} satisfies ChatCommand<typeof data>;

/** The two buttons of /forget-me. */
export const forgetButton = {
  prefix: FORGET_PREFIX,
  execute(services, context, args) {
    if (args.length === 1 && args[0] === "confirm") {
      services.store.forgetMember(context.guildId, context.userId, context.now);
      services.log.info({ guildId: context.guildId, userId: context.userId }, "member data erased");
      return {
        mode: "update",
        message: {
          content:
            "Done: I no longer keep anything about you in this server. Reactions you left on posts stay visible in Discord; remove them there if you like.",
          components: [],
        },
      };
    }
    return { mode: "update", message: { content: "Nothing was erased.", components: [] } };
  },
} satisfies ButtonHandler;
