import type { APIMessage } from "discord-api-types/v10";
import { FormErrors } from "../FormErrors.js";
import type { MessagePayload } from "../parseMessagePayload.js";
import { toApiMessage } from "../serialize/toApiMessage.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { ChannelRecord } from "../state/records.js";

/**
 * The fields that make a new message a reply, or undefined when it is none: no reference, or
 * one to a message the bot cannot see here (50035 instead when `fail_if_not_exists`).
 */
export function replyReference(
  state: DiscordState,
  channel: ChannelRecord,
  payload: MessagePayload,
): Pick<APIMessage, "message_reference" | "referenced_message"> | undefined {
  const reference = payload.messageReference;
  if (reference === undefined) {
    return undefined;
  }
  const target = state.messages.find(reference.messageId);
  if (target === undefined || target.ephemeral || target.message.channel_id !== channel.id) {
    if (reference.failIfNotExists) {
      const errors = new FormErrors();
      errors.add(["message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
      throw errors.toError();
    }
    return undefined;
  }
  return {
    message_reference: {
      message_id: target.message.id,
      channel_id: channel.id,
      ...(channel.guildId === null ? {} : { guild_id: channel.guildId }),
    },
    referenced_message: toApiMessage(state, target),
  };
}
