import type { APIUserWithMember, GatewayMessageCreateDispatchData } from "discord-api-types/v10";
import type { DiscordState } from "../state/DiscordState.js";
import type { MessageRecord } from "../state/records.js";
import { toApiMember } from "./toApiMember.js";
import { toApiMessage } from "./toApiMessage.js";

/** MESSAGE_CREATE's (or MESSAGE_UPDATE's) data, and what sessions without MessageContent get. */
export interface MessageDispatch {
  readonly data: GatewayMessageCreateDispatchData;
  /** Guild messages neither from the bot nor mentioning it: the same without their content. */
  readonly withoutMessageContent: GatewayMessageCreateDispatchData | undefined;
}

/** A message as the gateway dispatches it: in a guild, with its author's member (no user). */
export function toMessageDispatch(state: DiscordState, record: MessageRecord): MessageDispatch {
  const message = toApiMessage(state, record);
  const { guildId } = record;
  const data: GatewayMessageCreateDispatchData = {
    ...message,
    mentions: message.mentions.map((user): APIUserWithMember => user),
    ...(guildId === null
      ? {}
      : { guild_id: guildId, member: memberWithoutUser(state, guildId, message.author.id) }),
  };
  const botId = state.botUser.id;
  const exempt =
    guildId === null ||
    message.author.id === botId ||
    message.mentions.some((user) => user.id === botId);
  return {
    data,
    withoutMessageContent: exempt
      ? undefined
      : { ...data, content: "", embeds: [], attachments: [], components: [] },
  };
}

function memberWithoutUser(state: DiscordState, guildId: string, userId: string) {
  if (!state.guilds.isMember(guildId, userId)) {
    return undefined;
  }
  const { user: _user, ...member } = toApiMember(state, guildId, userId);
  return member;
}
