import { InteractionResponseType, InteractionType } from "discord-api-types/v10";

/** The response types Discord accepts as the first answer to each kind of interaction. */
export const ALLOWED_RESPONSE_TYPES: Readonly<Record<number, readonly InteractionResponseType[]>> =
  {
    [InteractionType.Ping]: [InteractionResponseType.Pong],
    [InteractionType.ApplicationCommand]: [
      InteractionResponseType.ChannelMessageWithSource,
      InteractionResponseType.DeferredChannelMessageWithSource,
      InteractionResponseType.Modal,
    ],
    [InteractionType.MessageComponent]: [
      InteractionResponseType.ChannelMessageWithSource,
      InteractionResponseType.DeferredChannelMessageWithSource,
      InteractionResponseType.DeferredMessageUpdate,
      InteractionResponseType.UpdateMessage,
      InteractionResponseType.Modal,
    ],
    [InteractionType.ApplicationCommandAutocomplete]: [
      InteractionResponseType.ApplicationCommandAutocompleteResult,
    ],
    [InteractionType.ModalSubmit]: [
      InteractionResponseType.ChannelMessageWithSource,
      InteractionResponseType.DeferredChannelMessageWithSource,
      InteractionResponseType.DeferredMessageUpdate,
      InteractionResponseType.UpdateMessage,
    ],
  };
