import { parseReadAction, READ_PREFIX } from "../core/customIds.js";
import { firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { ReaderSession } from "./readerSession.js";
import type { ButtonHandler } from "./types.js";

/** Start reading (title card), Resume and Start over (resume card). */
export const readButton = {
  prefix: READ_PREFIX,
  execute(services, context, args) {
    const action = parseReadAction(args);
    const session = new ReaderSession(services, context);
    const first = firstPlace(session.readable);
    if (first === undefined) throw new UserError("The story has no pages yet.");
    const place = action === "resume" ? (session.saved() ?? first) : first;
    return session.show(place, "update");
  },
} satisfies ButtonHandler;
