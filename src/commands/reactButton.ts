import { parseReactTarget, REACT_PREFIX } from "../core/customIds.js";
import { UserError } from "../core/UserError.js";
import { ReaderSession } from "./readerSession.js";
import { storyOfPart } from "./servedStory.js";
import type { ButtonHandler } from "./types.js";

/**
 * The reaction buttons on the last page of a part in private reading (ephemeral messages take no
 * emoji reactions): each press sets or unsets that emoji for the part, and the page shows it.
 */
export const reactButton = {
  prefix: REACT_PREFIX,
  execute(services, context, args) {
    const target = parseReactTarget(args);
    const served = storyOfPart(services, context.guildId, target.partId);
    const session = served && new ReaderSession(services, context, served);
    const bookPart = session?.readable.find(({ part }) => part.id === target.partId);
    const emoji = served?.book.story.meta.reactions[target.index];
    if (
      session === undefined ||
      bookPart === undefined ||
      bookPart.part.kind !== "scene" ||
      emoji === undefined
    ) {
      throw new UserError("That part isn't available. Type /read to pick up where you left off.");
    }
    session.toggleReaction(bookPart.part.id, emoji);
    return session.render({ part: bookPart, pageIndex: bookPart.pages.length - 1 }, "update");
  },
} satisfies ButtonHandler;
