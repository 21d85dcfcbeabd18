import type { APIInteraction } from "discord-api-types/v10";
import {
  GatewayDispatchEvents,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";
import type { ChangeFeed } from "../ChangeFeed.js";
import { DiscordApiError } from "../DiscordApiError.js";
import { FormErrors } from "../FormErrors.js";
import type { Dispatcher } from "../gateway/DispatchPayloads.js";
import type { InteractionOutcome } from "../InteractionOutcome.js";
import { isRecord, numberField } from "../isRecord.js";
import type { MessageService } from "../messages/MessageService.js";
import { emptyMessagePayload, parseMessagePayload } from "../parseMessagePayload.js";
import type { RequestBody } from "../parseRequestBody.js";
import { toApiMessage } from "../serialize/toApiMessage.js";
import { toCallbackResponse } from "../serialize/toCallbackResponse.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { InteractionRecord, MessageRecord } from "../state/records.js";
import { ALLOWED_RESPONSE_TYPES } from "./allowedResponseTypes.js";
import type { InteractionStore, NewInteraction } from "./InteractionStore.js";
import { parseChoices } from "./parseChoices.js";
import { parseModal } from "./parseModal.js";

/** What the callback route answers: 204, or the callback response with `with_response=true`. */
export type CallbackResult =
  | { readonly status: 204 }
  | { readonly status: 200; readonly body: object };

/**
 * The start of an interaction's life: dispatch, then the one acknowledgement within the time
 * limit (10062 after it, 40060 for a second one), and the finished answer it leads to.
 */
export class InteractionService {
  readonly #state: DiscordState;
  readonly #store: InteractionStore;
  readonly #messages: MessageService;
  readonly #dispatcher: Dispatcher;
  readonly #changes: ChangeFeed;
  /** How long the bot has to acknowledge (Discord: 3 s). */
  readonly acknowledgeMs: number;
  readonly #answerListeners = new Set<(record: InteractionRecord) => void>();

  constructor(
    state: DiscordState,
    store: InteractionStore,
    services: { readonly messages: MessageService; readonly dispatcher: Dispatcher },
    changes: ChangeFeed,
    acknowledgeMs: number,
  ) {
    this.#state = state;
    this.#store = store;
    this.#messages = services.messages;
    this.#dispatcher = services.dispatcher;
    this.#changes = changes;
    this.acknowledgeMs = acknowledgeMs;
  }

  /** A new interaction of a member's, with its id and token; `dispatch` sends it. */
  create(input: NewInteraction): InteractionRecord {
    return this.#store.create(input);
  }

  /** Dispatches INTERACTION_CREATE. */
  dispatch(record: InteractionRecord, payload: APIInteraction): void {
    this.#dispatcher.dispatch(GatewayDispatchEvents.InteractionCreate, payload, {
      guildId: record.guildId,
    });
    this.#changes.notify();
  }

  /**
   * Calls `listener` with each interaction as its first answer is accepted; returns the
   * function that stops it.
   */
  onAnswered(listener: (record: InteractionRecord) => void): () => void {
    this.#answerListeners.add(listener);
    return () => this.#answerListeners.delete(listener);
  }

  /** The follow-up messages the bot sent for an interaction, by id ([] for an unknown one). */
  followUpIds(interactionId: string): readonly string[] {
    return this.#store.find(interactionId)?.followUpIds ?? [];
  }

  callback(id: string, token: string, body: RequestBody, withResponse: boolean): CallbackResult {
    const record = this.#store.find(id);
    if (record === undefined || record.token !== token) {
      throw DiscordApiError.unknownInteraction();
    }
    if (record.response !== null) {
      throw DiscordApiError.alreadyAcknowledged();
    }
    const now = Date.now();
    if (now - record.createdAt > this.acknowledgeMs) {
      this.#store.markLate(record, now);
      this.#changes.notify();
      throw DiscordApiError.unknownInteraction();
    }
    const json = isRecord(body.json) ? body.json : {};
    const type = numberField(json, "type");
    const allowed = ALLOWED_RESPONSE_TYPES[record.type] ?? [];
    const responseType = allowed.find((candidate) => candidate === type);
    if (responseType === undefined) {
      const errors = new FormErrors();
      errors.add(
        ["type"],
        "INTERACTION_RESPONSE_TYPE_INVALID",
        "Invalid interaction response type",
      );
      throw errors.toError();
    }
    const message = this.#respond(record, responseType, { json: json.data, files: body.files });
    this.#store.acknowledge(record, responseType, now);
    for (const listener of this.#answerListeners) listener(record);
    this.#changes.notify();
    if (!withResponse) {
      return { status: 204 };
    }
    return {
      status: 200,
      body: toCallbackResponse(this.#state, record, responseType, message),
    };
  }

  /** The finished answer to an interaction, or undefined while there is none yet. */
  outcome(record: InteractionRecord): InteractionOutcome | undefined {
    const response = record.response;
    if (response === null) {
      return undefined;
    }
    const base = { interactionId: record.id };
    switch (response.type) {
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        return { ...base, type: response.type, choices: record.choices ?? [] };
      case InteractionResponseType.Modal:
        return record.modal === null
          ? undefined
          : { ...base, type: response.type, modal: record.modal };
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.UpdateMessage:
      case InteractionResponseType.DeferredChannelMessageWithSource:
      case InteractionResponseType.DeferredMessageUpdate: {
        const deferred =
          response.type === InteractionResponseType.DeferredChannelMessageWithSource ||
          response.type === InteractionResponseType.DeferredMessageUpdate;
        const original =
          record.originalMessageId === null
            ? undefined
            : this.#state.messages.find(record.originalMessageId);
        if (original === undefined || (deferred && record.originalEdits === 0)) {
          return undefined;
        }
        return {
          ...base,
          type: response.type,
          message: toApiMessage(this.#state, original),
          ephemeral: original.ephemeral,
        };
      }
      default:
        return undefined;
    }
  }

  #respond(
    record: InteractionRecord,
    type: InteractionResponseType,
    data: RequestBody,
  ): MessageRecord | undefined {
    const channel = this.#state.channels.get(record.channelId);
    const flags = isRecord(data.json) ? (numberField(data.json, "flags") ?? 0) : 0;
    const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const message = this.#messages.create({
          channel,
          authorId: this.#state.botUser.id,
          payload:
            type === InteractionResponseType.ChannelMessageWithSource
              ? parseMessagePayload(data, "create")
              : emptyMessagePayload(),
          interaction: record,
          ephemeral,
          loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
        });
        this.#store.setOriginal(record, message.message.id);
        return message;
      }
      case InteractionResponseType.UpdateMessage: {
        const source =
          record.sourceMessageId === null
            ? undefined
            : this.#state.messages.find(record.sourceMessageId);
        if (source === undefined) {
          throw DiscordApiError.unknownMessage();
        }
        return this.#messages.edit(source, parseMessagePayload(data, "edit"));
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        this.#store.setChoices(record, parseChoices(data.json));
        return undefined;
      case InteractionResponseType.Modal:
        this.#store.setModal(record, parseModal(data.json));
        return undefined;
      default:
        return undefined;
    }
  }
}
