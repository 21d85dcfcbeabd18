import { firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { guildCommand } from "./guildCommand.js";
import { carriedSessions, EARLY_ACCESS_ENDED } from "./readerSession.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "next",
  description: "Read the next page of the story you are reading, privately",
});

/**
 * `/next`: the page after the member's saved place in the story they read last, or the first
 * page of the server's only story. With several and no place yet, it says how to pick one.
 */
export const next = {
  data,
  access: "member",

  execute(services, context) {
    const sessions = carriedSessions(services, context);
    for (const storyId of services.store.progress.storiesByRecency(
      context.guildId,
      context.userId,
    )) {
      const session = sessions.find((each) => each.key.storyId === storyId);
      const saved = session?.saved();
      if (session !== undefined && saved !== undefined) return session.showNext(saved, "reply");
      // A place in a part that is out again at its drop is kept, not moved to another page.
      if (session?.lostPlace() === "not-out") {
        throw new UserError(`${EARLY_ACCESS_ENDED} /read part: opens a part that is out.`);
      }
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
