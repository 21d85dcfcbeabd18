import { runSubcommand, type SubcommandHandlers } from "./runSubcommand.js";
import { serialData } from "./serialData.js";
import { serialDropHandlers } from "./serialDropHandlers.js";
import { serialSettingHandlers } from "./serialSettingHandlers.js";
import { serialStoryHandlers } from "./serialStoryHandlers.js";
import { carriedBooks, storyChoices } from "./servedStory.js";
import type { ChatCommand } from "./types.js";

const subcommands: SubcommandHandlers<typeof serialData> = {
  ...serialDropHandlers,
  ...serialSettingHandlers,
  ...serialStoryHandlers,
};

/** `/serial …`: the author's controls for releases and drops. */
export const serial = {
  data: serialData,
  access: "author",
  execute(services, context) {
    return runSubcommand(subcommands, context.subcommand, services, context);
  },

  autocomplete(services, context, focused) {
    // Only /serial carry is about a story the server does not carry (to carry it again).
    const books =
      focused.subcommand === "carry"
        ? services.library().books
        : carriedBooks(services, context.guildId);
    return storyChoices(books, focused.typed);
  },
} satisfies ChatCommand<typeof serialData>;
