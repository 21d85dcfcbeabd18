import type { DiscordState } from "../state/DiscordState.js";
import type { ChannelRecord, MessageRecord } from "../state/records.js";
import type { RestRequest } from "./RouteHandler.js";

/** The route's `:channel` as the bot reaches it (10003 unknown, 50001 in a guild it left). */
export function channelOf(state: DiscordState, request: RestRequest): ChannelRecord {
  return state.botChannel(request.params.get("channel"));
}

/** The route's `:message` in its `:channel`, as the bot may see it (10008 otherwise). */
export function messageOf(state: DiscordState, request: RestRequest): MessageRecord {
  return state.messageIn(channelOf(state, request).id, request.params.get("message"));
}
