import { parseReadTarget, READ_PREFIX } from "../core/customIds.js";
import { firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { openStory } from "./read.js";
import { EARLY_ACCESS_ENDED, ReaderSession } from "./readerSession.js";
import { carriedBooks, findBook, type ServedStory, serve, storyFor } from "./servedStory.js";
import type { ButtonHandler, Services } from "./types.js";

/**
 * The story a read button names, if the server still carries it; a button made before a server
 * had several stories names none, and means the server's only one.
 */
function buttonStory(
  services: Services,
  guildId: string,
  storyId: string | undefined,
): ServedStory {
  if (storyId === undefined) return storyFor(services, guildId, undefined);
  const book = findBook(carriedBooks(services, guildId), storyId);
  if (book === undefined) {
    throw new UserError("That story is not in this server any more. Type /read to see what is.");
  }
  return serve(services, book);
}

/**
 * Start reading (title card), Resume and Start over (resume card), Open (library card).
 */
export const readButton = {
  prefix: READ_PREFIX,
  execute(services, context, args) {
    const target = parseReadTarget(args);
    const served = buttonStory(services, context.guildId, target.storyId);
    if (target.action === "open")
      return { ...openStory(services, context, served), mode: "update" };
    const session = new ReaderSession(services, context, served);
    const first = firstPlace(session.readable);
    if (first === undefined) throw new UserError("The story has no pages yet.");
    const saved = session.saved();
    if (target.action === "resume" && saved === undefined && session.lostPlace() === "not-out") {
      throw new UserError(EARLY_ACCESS_ENDED);
    }
    const place = target.action === "resume" ? (saved ?? first) : first;
    return session.show(place, "update");
  },
} satisfies ButtonHandler;
