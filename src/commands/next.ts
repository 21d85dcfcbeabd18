import { firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { guildCommand } from "./guildCommand.js";
import { ReaderSession } from "./readerSession.js";
import type { ChatCommand } from "./types.js";

const data = guildCommand({
  name: "next",
  description: "Read the next page of the story, privately",
});

/** `/next`: the page after the member's saved place, or the story's first page if they have none. */
export const next = {
  data,
  access: "member",

  execute(services, context) {
    const session = new ReaderSession(services, context);
    const saved = session.saved();
    if (saved !== undefined) return session.showNext(saved, "reply");
    const first = firstPlace(session.readable);
    if (first === undefined) throw new UserError("The story has no pages yet.");
    return session.show(first, "reply");
  },
} satisfies ChatCommand<typeof data>;
