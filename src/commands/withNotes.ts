import { memberNotes } from "../views/memberNotes.js";
import type { Reply } from "../views/ReplyMessage.js";
import type { MemberContext, Services } from "./types.js";

/** Discord's limit for a message's content. */
const CONTENT_LIMIT = 2000;

/**
 * Adds what is waiting to be told to the member (once) above the reply, when it fits Discord's
 * 2000 characters; `notesShown` forgets the notes once the reply is sent. A note that cannot be
 * read or shown now waits for the next reply.
 */
export function withNotes(
  services: Services,
  reply: Reply,
  context: MemberContext,
): { reply: Reply; notesShown: () => void } {
  const { store, log } = services;
  const where = { guildId: context.guildId, userId: context.userId };
  const asIs = { reply, notesShown: () => undefined };
  try {
    const notes = store.notes.pending(context.guildId, context.userId);
    if (notes.length === 0) return asIs;
    const content = [memberNotes(notes), reply.message.content ?? ""].join("\n\n").trim();
    if (content.length > CONTENT_LIMIT) return asIs;
    return {
      reply: { ...reply, message: { ...reply.message, content } },
      notesShown: () => {
        try {
          store.notes.forget(context.guildId, context.userId);
        } catch (error) {
          log.error({ ...where, err: error }, "could not forget the member notes shown");
        }
      },
    };
  } catch (error) {
    log.error({ ...where, err: error }, "could not read member notes");
    return asIs;
  }
}
