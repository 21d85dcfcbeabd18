import type {
  APIApplicationCommandOptionChoice,
  APIMessage,
  APIModalInteractionResponseCallbackData,
  InteractionResponseType,
} from "discord-api-types/v10";

/** The response types that leave a message to look at. */
export type MessageResponseType =
  | InteractionResponseType.ChannelMessageWithSource
  | InteractionResponseType.DeferredChannelMessageWithSource
  | InteractionResponseType.DeferredMessageUpdate
  | InteractionResponseType.UpdateMessage;

/**
 * How the bot answered an interaction, once the answer is complete: a reply (4), a deferred
 * reply once `@original` was edited (5), a deferred update once the message was edited (6), an
 * update (7) — each with the resulting message — or autocomplete choices (8), or a modal (9).
 */
export type InteractionOutcome =
  | {
      readonly type: MessageResponseType;
      readonly interactionId: string;
      readonly message: APIMessage;
      readonly ephemeral: boolean;
    }
  | {
      readonly type: InteractionResponseType.ApplicationCommandAutocompleteResult;
      readonly interactionId: string;
      readonly choices: readonly APIApplicationCommandOptionChoice[];
    }
  | {
      readonly type: InteractionResponseType.Modal;
      readonly interactionId: string;
      readonly modal: APIModalInteractionResponseCallbackData;
    };
