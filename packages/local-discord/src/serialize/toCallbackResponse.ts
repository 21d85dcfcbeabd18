import type { RESTPostAPIInteractionCallbackWithResponseResult } from "discord-api-types/v10";
import { InteractionResponseType } from "discord-api-types/v10";
import type { DiscordState } from "../state/DiscordState.js";
import type { InteractionRecord, MessageRecord } from "../state/records.js";
import { toApiMessage } from "./toApiMessage.js";

/** What the callback route answers with `with_response=true`: the interaction and its message. */
export function toCallbackResponse(
  state: DiscordState,
  record: InteractionRecord,
  responseType: InteractionResponseType,
  message: MessageRecord | undefined,
): RESTPostAPIInteractionCallbackWithResponseResult {
  return {
    interaction: {
      id: record.id,
      type: record.type,
      ...(message === undefined
        ? {}
        : {
            response_message_id: message.message.id,
            response_message_loading:
              responseType === InteractionResponseType.DeferredChannelMessageWithSource,
            response_message_ephemeral: message.ephemeral,
          }),
    },
    resource: {
      type: responseType,
      ...(message === undefined ? {} : { message: toApiMessage(state, message) }),
    },
  };
}
