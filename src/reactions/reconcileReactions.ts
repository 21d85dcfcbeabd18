import { type REST, Routes } from "discord.js";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { emojiKey } from "./emojiKey.js";

const message = z.object({
  reactions: z
    .array(
      z.object({ emoji: z.object({ id: z.string().nullable(), name: z.string().nullable() }) }),
    )
    .default([]),
});
const users = z.array(z.object({ id: z.string() }));

/** Discord's page size for the users of one reaction. */
const PAGE = 100;

export interface ReconcileOptions {
  readonly rest: REST;
  readonly store: Store;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly botUserId: string;
  readonly storyId: string;
  /** Checked before each message, so that a stopping bot stops here too. */
  readonly stopped: () => boolean;
}

/**
 * Brings the kept reactions of a server's drop messages in line with Discord, for reactions added
 * or removed while the bot was down: one request per message, and per emoji on it one per 100
 * members. A message that cannot be read (deleted, no access) is logged and skipped.
 */
export async function reconcileReactions(
  guildId: string,
  options: ReconcileOptions,
): Promise<void> {
  const { rest, store, log, clock, botUserId, storyId } = options;
  for (const { partId, channelId, messageId } of store.reactions.postedMessages(guildId, storyId)) {
    if (options.stopped()) return;
    try {
      const { reactions } = message.parse(
        await rest.get(Routes.channelMessage(channelId, messageId)),
      );
      const members = new Map<string, string[]>();
      for (const { emoji } of reactions) {
        const key = emojiKey(emoji);
        const ids: string[] = [];
        for (let after: string | undefined; ; ) {
          const query = new URLSearchParams({
            limit: String(PAGE),
            ...(after === undefined ? {} : { after }),
          });
          const page = users.parse(
            await rest.get(
              Routes.channelMessageReaction(channelId, messageId, encodeURIComponent(key)),
              { query },
            ),
          );
          ids.push(...page.map((user) => user.id).filter((id) => id !== botUserId));
          after = page.at(-1)?.id;
          if (page.length < PAGE) break;
        }
        members.set(key, ids);
      }
      store.reactions.replaceMessage({ guildId, storyId, partId }, messageId, members, clock());
    } catch (error) {
      log.warn(
        { guildId, channelId, messageId, err: error },
        "could not reconcile a drop message's reactions",
      );
    }
  }
}
