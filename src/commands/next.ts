import { firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { guildCommand } from "./guildCommand.js";
import { ReaderSession } from "./readerSession.js";
import { carriedBooks, serve } from "./servedStory.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "next",
  description: "Read the next page of the story you are reading, privately",
});

const NOT_OUT =
  "The part you were reading is not out for you now (early access to it ended); your place in it is kept for its public drop. /read part: opens a part that is out.";

/**
 * `/next`: the page after the member's saved place in the story they read last, or the first
 * page of the server's only story. With several and no place yet, it says how to pick one.
 */
export const next = {
  data,
  access: "member",

  execute(services, context) {
    const sessions = carriedBooks(services, context.guildId).map(
      (book) => new ReaderSession(services, context, serve(services, book)),
    );
    for (const storyId of services.store.progress.storiesByRecency(
      context.guildId,
      context.userId,
    )) {
      const session = sessions.find((each) => each.key.storyId === storyId);
      const saved = session?.saved();
      if (session !== undefined && saved !== undefined) return session.showNext(saved, "reply");
      // A place in a part that is out again at its drop is kept, not moved to another page.
      if (session?.lostPlace() === "not-out") throw new UserError(NOT_OUT);
    }
    const [only, ...others] = sessions;
    if (only === undefined) throw new UserError("This server carries no story at the moment.");
    if (others.length > 0) {
      throw new UserError(
        "You haven't started a story here yet: /read shows them, pick one to start.",
      );
    }
    const first = firstPlace(only.readable);
    if (first === undefined) throw new UserError("The story has no pages yet.");
    return only.show(first, "reply");
  },
} satisfies ChatCommand<typeof data>;
