import type { APIMessage, APIReaction } from "discord-api-types/v10";
import type { DiscordState } from "../state/DiscordState.js";
import type { MessageRecord } from "../state/records.js";
import { toApiChannel } from "./toApiChannel.js";

/** A message as served: with its reactions (`me` for the bot's) and the thread started from it. */
export function toApiMessage(state: DiscordState, record: MessageRecord): APIMessage {
  const reactions = [...record.reactions.values()].map(
    (reaction): APIReaction => ({
      emoji: reaction.emoji,
      count: reaction.userIds.size,
      count_details: { burst: 0, normal: reaction.userIds.size },
      me: reaction.userIds.has(state.botUser.id),
      me_burst: false,
      burst_colors: [],
    }),
  );
  const thread = record.threadId === null ? undefined : state.channels.find(record.threadId);
  return {
    ...record.message,
    ...(reactions.length > 0 ? { reactions } : {}),
    ...(thread === undefined ? {} : { thread: toApiChannel(state, thread) }),
  };
}
