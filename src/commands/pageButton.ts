import { PAGE_PREFIX, parsePageTarget } from "../core/customIds.js";
import { placeAt, previousPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { ReaderSession } from "./readerSession.js";
import { storyOfPart } from "./servedStory.js";
import type { ButtonHandler } from "./types.js";

/**
 * Back, Next and "back to the last page". The custom_id names the page the button sits on, so a
 * double click, or a click after a restart, lands on the same page and never skips one.
 */
export const pageButton = {
  prefix: PAGE_PREFIX,
  execute(services, context, args) {
    const target = parsePageTarget(args);
    const served = storyOfPart(services, context.guildId, target.partId);
    const session = served && new ReaderSession(services, context, served);
    const from = session && placeAt(session.readable, target);
    if (session === undefined || from === undefined || target.offset > from.part.part.text.length) {
      throw new UserError("That page isn't available. Type /read to pick up where you left off.");
    }
    if (target.action === "next") return session.showNext(from, "update");
    if (target.action === "back") {
      return session.show(previousPlace(session.readable, from) ?? from, "update", from);
    }
    return session.show(from, "update");
  },
} satisfies ButtonHandler;
