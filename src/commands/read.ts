import { ApplicationCommandOptionType as OptionType } from "discord.js";
import { findPart, firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { resumeCard } from "../views/resumeCard.js";
import { titleCard } from "../views/titleCard.js";
import { guildCommand } from "./guildCommand.js";
import { partChoices } from "./partChoices.js";
import { ReaderSession } from "./readerSession.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "read",
  description: "Read the story privately, page by page: start, resume, or open a part",
  options: [
    {
      type: OptionType.String,
      name: "part",
      description: "The part to open (only released parts are listed)",
      autocomplete: true,
      max_length: 100,
    },
  ],
});

/** `/read [part]`: the title card for a new reader, resume for a returning one, or a part's first page. */
export const read = {
  data,
  access: "member",

  execute(services, context) {
    const session = new ReaderSession(services, context);
    const partId = context.options.part;
    if (partId !== undefined) {
      const part = findPart(session.readable, partId);
      if (part === undefined) {
        throw new UserError(
          `There is no released part called "${partId}". Pick one from the list as you type the part option.`,
        );
      }
      return session.show({ part, pageIndex: 0 }, "reply");
    }
    const saved = session.saved();
    if (saved !== undefined) {
      return { mode: "reply", message: resumeCard(services.book, saved) };
    }
    if (firstPlace(session.readable) === undefined)
      throw new UserError("The story has no pages yet.");
    return {
      mode: "reply",
      message: titleCard(
        services.book,
        session.readable,
        services.drops.nextDrops(context.guildId, context.now, 1)[0],
      ),
    };
  },

  autocomplete(services, context, focused) {
    return partChoices(new ReaderSession(services, context).readable, focused);
  },
} satisfies ChatCommand<typeof data>;
