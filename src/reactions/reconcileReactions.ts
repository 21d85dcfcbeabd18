import { DiscordAPIError, type REST, RESTJSONErrorCodes, Routes } from "discord.js";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import { emojiKey } from "./emojiKey.js";
import type { LiveReactionChanges } from "./LiveReactionChanges.js";

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
  readonly rest: Pick<REST, "get">;
  readonly store: Store;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly botUserId: string;
  readonly storyId: string;
  /** Checked before each message, so that a stopping bot stops here too. */
  readonly stopped: () => boolean;
  /** Live reaction events, so that one arriving while a message is read is not undone. */
  readonly live: LiveReactionChanges;
}

/** How many times a message is read again when live reactions keep arriving meanwhile. */
const REREADS = 3;

/**
 * Brings the kept reactions of a server's drop messages in line with Discord, for reactions added
 * or removed while the bot was down: one request per message, and per emoji on it one per 100
 * members. Reactions members asked to be forgotten are left out (see ReactionRepository).
 *
 * A message Discord no longer has (10008), or all of a channel's when the channel is gone
 * (10003), is marked gone and never asked for again; a channel that refuses (no access) is left
 * for this run after its first refusal, so one missing permission costs one failed request, not
 * one per message. When every message was read, the catch-up is recorded as complete.
 */
export async function reconcileReactions(
  guildId: string,
  options: ReconcileOptions,
): Promise<void> {
  const { rest, store, log, clock, botUserId, storyId } = options;
  const startedAt = clock();
  const forgottenSince = store.reactions.reconciledAt(guildId, storyId);
  const refused = new Set<string>();
  let complete = true;
  for (const { partId, channelId, messageId } of store.reactions.dropMessages(guildId, storyId)) {
    if (options.stopped()) return;
    if (refused.has(channelId)) continue;
    try {
      for (let read = 0; ; read += 1) {
        const mark = options.live.mark(messageId);
        const members = await reactionsOf(rest, channelId, messageId, botUserId);
        if (options.live.mark(messageId) !== mark) {
          if (read < REREADS) continue;
          complete = false;
          break;
        }
        store.reactions.replaceMessage(
          { guildId, storyId, partId },
          messageId,
          members,
          forgottenSince,
          clock(),
        );
        break;
      }
    } catch (error) {
      const where = { guildId, channelId, messageId };
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) {
        store.reactions.markGone(messageId, clock());
        log.info(where, "a drop message is gone; its reactions are kept and it is not read again");
      } else if (
        error instanceof DiscordAPIError &&
        error.code === RESTJSONErrorCodes.UnknownChannel
      ) {
        store.reactions.markChannelGone(guildId, storyId, channelId, clock());
        refused.add(channelId);
        log.info(where, "a reading channel is gone; its drop messages are not read again");
      } else {
        complete = false;
        if (error instanceof DiscordAPIError && error.status === 403) refused.add(channelId);
        log.warn({ ...where, err: error }, "could not reconcile a drop message's reactions");
      }
    }
  }
  if (complete) store.reactions.markReconciled(guildId, storyId, startedAt);
}

/** A message's reactions as Discord has them now: per emoji, the members (not the bot). */
async function reactionsOf(
  rest: Pick<REST, "get">,
  channelId: string,
  messageId: string,
  botUserId: string,
): Promise<Map<string, string[]>> {
  const { reactions } = message.parse(await rest.get(Routes.channelMessage(channelId, messageId)));
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
  return members;
}

/**
 * Catches up every server's reactions, one server after another, in the background after start.
 * Never rejects: a failure is logged, and the next start tries again.
 */
export function reconcileAll(guildIds: Iterable<string>, options: ReconcileOptions): Promise<void> {
  return options.live.watch(async () => {
    let servers = 0;
    for (const guildId of guildIds) {
      if (options.stopped()) return;
      try {
        await reconcileReactions(guildId, options);
        servers += 1;
      } catch (error) {
        options.log.error({ guildId, err: error }, "could not catch up a server's reactions");
      }
    }
    if (!options.stopped()) options.log.info({ guilds: servers }, "reactions reconciled");
  });
}
