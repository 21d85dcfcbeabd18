import {
  type Client,
  Events,
  type MessageReaction,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from "discord.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { emojiKey } from "./emojiKey.js";
import type { LiveReactionChanges } from "./LiveReactionChanges.js";

/**
 * Keeps members' reactions on drop messages, added and removed (also when a moderator clears a
 * message's reactions, all or one emoji's), including on messages from before the last restart
 * (the client needs Partials.Message and Partials.Reaction for those). The bot's own seeded
 * reactions and reactions on other messages are ignored. Each event is told to `live`, so that a
 * catch-up reading the same message meanwhile does not undo it.
 */
export function trackReactions(
  client: Client,
  store: Store,
  log: Logger,
  clock: () => Date,
  live: LiveReactionChanges,
): void {
  const handle =
    (added: boolean) =>
    (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser) => {
      if (user.id === client.user?.id) return;
      const messageId = reaction.message.id;
      try {
        const drop = store.reactions.dropOf(messageId);
        if (drop === undefined) return;
        live.touch(messageId);
        const emoji = emojiKey(reaction.emoji);
        if (added) store.reactions.add(drop, messageId, user.id, emoji, clock());
        else store.reactions.remove(drop.guildId, messageId, user.id, emoji);
      } catch (error) {
        log.error({ messageId, userId: user.id, err: error }, "could not record a reaction");
      }
    };
  /** Forgets a drop message's reactions: all of them, or those with `emoji`. */
  const clear = (messageId: string, emoji?: string) => {
    try {
      if (store.reactions.dropOf(messageId) === undefined) return;
      live.touch(messageId);
      if (emoji === undefined) store.reactions.clearMessage(messageId);
      else store.reactions.clearEmoji(messageId, emoji);
    } catch (error) {
      log.error({ messageId, emoji, err: error }, "could not clear a message's reactions");
    }
  };
  client.on(Events.MessageReactionAdd, handle(true));
  client.on(Events.MessageReactionRemove, handle(false));
  client.on(Events.MessageReactionRemoveAll, (message) => clear(message.id));
  client.on(Events.MessageReactionRemoveEmoji, (reaction) =>
    clear(reaction.message.id, emojiKey(reaction.emoji)),
  );
}
