import { parseReadTarget, READ_PREFIX } from "../core/customIds.js";
import { firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { openStory } from "./read.js";
import { ReaderSession } from "./readerSession.js";
import { carriedBooks, findBook, storyFor } from "./servedStory.js";
import type { ButtonHandler } from "./types.js";

/**
 * Start reading (title card), Resume and Start over (resume card), Open (library card). A button
 * made before a server had several stories names none, and means the server's only one.
 */
export const readButton = {
  prefix: READ_PREFIX,
  execute(services, context, args) {
    const target = parseReadTarget(args);
    const { storyId } = target;
    if (
      storyId !== undefined &&
      findBook(carriedBooks(services, context.guildId), storyId) === undefined
    ) {
      throw new UserError("That story is not in this server any more. Type /read to see what is.");
    }
    const served = storyFor(services, context.guildId, storyId);
    if (target.action === "open")
      return { ...openStory(services, context, served), mode: "update" };
    const session = new ReaderSession(services, context, served);
    const first = firstPlace(session.readable);
    if (first === undefined) throw new UserError("The story has no pages yet.");
    const saved = session.saved();
    if (target.action === "resume" && saved === undefined && session.lostPlace() === "not-out") {
      throw new UserError(
        "The part you were reading is not out for you now (early access to it ended); your place in it is kept for its public drop.",
      );
    }
    const place = target.action === "resume" ? (saved ?? first) : first;
    return session.show(place, "update");
  },
} satisfies ButtonHandler;
