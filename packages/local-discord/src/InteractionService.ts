import type {
  APIApplicationCommandOptionChoice,
  APIInteraction,
  APIModalInteractionResponseCallbackData,
} from "discord-api-types/v10";
import {
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from "discord-api-types/v10";
import type { ChangeFeed } from "./ChangeFeed.js";
import { DiscordApiError } from "./DiscordApiError.js";
import type { DiscordState } from "./DiscordState.js";
import type { Dispatcher } from "./DispatchPayloads.js";
import { FormErrors } from "./FormErrors.js";
import type { InteractionOutcome } from "./InteractionOutcome.js";
import { arrayField, isRecord, numberField, stringField } from "./isRecord.js";
import type { MessageService } from "./MessageService.js";
import { emptyMessagePayload, parseMessagePayload } from "./parseMessagePayload.js";
import type { RequestBody } from "./parseRequestBody.js";
import type { InteractionRecord, MessageRecord } from "./records.js";

export interface InteractionTimings {
  /** How long the bot has to acknowledge (Discord: 3 s). */
  readonly acknowledgeMs: number;
  /** How long follow-ups and edits are allowed (Discord: 15 min). */
  readonly tokenLifetimeMs: number;
}

/** What the callback route answers: 204, or the callback response with `with_response=true`. */
export type CallbackResult =
  | { readonly status: 204 }
  | { readonly status: 200; readonly body: object };

const ALLOWED_RESPONSES: Readonly<Record<number, readonly InteractionResponseType[]>> = {
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

/**
 * The interaction lifecycle: dispatch, the one acknowledgement within the time limit (10062
 * after it, 40060 for a second one), then `@original` edits and follow-ups while the token lives.
 */
export class InteractionService {
  readonly #state: DiscordState;
  readonly #messages: MessageService;
  readonly #dispatcher: Dispatcher;
  readonly #changes: ChangeFeed;
  readonly #timings: InteractionTimings;
  /** Called with each interaction as its first answer is accepted (for load tests). */
  readonly answerListeners = new Set<(record: InteractionRecord) => void>();

  constructor(
    state: DiscordState,
    messages: MessageService,
    dispatcher: Dispatcher,
    changes: ChangeFeed,
    timings: InteractionTimings,
  ) {
    this.#state = state;
    this.#messages = messages;
    this.#dispatcher = dispatcher;
    this.#changes = changes;
    this.#timings = timings;
  }

  get acknowledgeMs(): number {
    return this.#timings.acknowledgeMs;
  }

  /** Records the interaction and dispatches INTERACTION_CREATE. */
  dispatch(record: InteractionRecord, payload: APIInteraction): void {
    this.#state.interactions.set(record.id, record);
    this.#dispatcher.dispatch(GatewayDispatchEvents.InteractionCreate, payload, {
      guildId: record.guildId,
    });
    this.#changes.notify();
  }

  callback(id: string, token: string, body: RequestBody, withResponse: boolean): CallbackResult {
    const record = this.#state.interactions.get(id);
    if (record === undefined || record.token !== token) {
      throw DiscordApiError.unknownInteraction();
    }
    if (record.response !== null) {
      throw DiscordApiError.alreadyAcknowledged();
    }
    const now = Date.now();
    if (now - record.createdAt > this.#timings.acknowledgeMs) {
      record.lateCallbackAt = now;
      this.#changes.notify();
      throw DiscordApiError.unknownInteraction();
    }
    const json = isRecord(body.json) ? body.json : {};
    const type = numberField(json, "type");
    const allowed = ALLOWED_RESPONSES[record.type] ?? [];
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
    const data = { json: json.data, files: body.files };
    const message = this.#respond(record, responseType, data);
    record.response = { type: responseType, at: now };
    for (const listener of this.answerListeners) listener(record);
    this.#changes.notify();
    if (!withResponse) {
      return { status: 204 };
    }
    return {
      status: 200,
      body: {
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
          ...(message === undefined ? {} : { message: this.#state.messageJson(message) }),
        },
      },
    };
  }

  /** The message a webhook route means: `@original` or a follow-up's id. */
  webhookMessage(applicationId: string, token: string, messageId: string): MessageRecord {
    const record = this.#byToken(applicationId, token);
    const id = messageId === "@original" ? record.originalMessageId : messageId;
    const isOwn =
      id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = id === null ? undefined : this.#state.messages.get(id);
    if (!isOwn || message === undefined) {
      throw DiscordApiError.unknownMessage();
    }
    return message;
  }

  editWebhookMessage(
    applicationId: string,
    token: string,
    messageId: string,
    body: RequestBody,
  ): MessageRecord {
    const record = this.#byToken(applicationId, token);
    const message = this.webhookMessage(applicationId, token, messageId);
    const edited = this.#messages.edit(message, parseMessagePayload(body, "edit"));
    if (message.message.id === record.originalMessageId) {
      record.originalEdits += 1;
      this.#changes.notify();
    }
    return edited;
  }

  deleteWebhookMessage(applicationId: string, token: string, messageId: string): void {
    this.#messages.delete(this.webhookMessage(applicationId, token, messageId));
  }

  /**
   * A follow-up. As on Discord, the first follow-up after a deferred reply (type 5) replaces
   * the "is thinking..." message instead of adding one.
   */
  followUp(applicationId: string, token: string, body: RequestBody): MessageRecord {
    const record = this.#byToken(applicationId, token);
    if (record.response === null) {
      throw DiscordApiError.unknownWebhook();
    }
    const payload = parseMessagePayload(body, "create");
    const original =
      record.originalMessageId === null
        ? undefined
        : this.#state.messages.get(record.originalMessageId);
    if (
      record.response.type === InteractionResponseType.DeferredChannelMessageWithSource &&
      original !== undefined &&
      ((original.message.flags ?? 0) & MessageFlags.Loading) !== 0
    ) {
      const edited = this.#messages.edit(original, payload);
      record.originalEdits += 1;
      this.#changes.notify();
      return edited;
    }
    const message = this.#messages.create({
      channel: this.#state.channel(record.channelId),
      authorId: this.#state.botUser.id,
      payload,
      interaction: record,
      ephemeral: ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    });
    record.followUpIds.push(message.message.id);
    this.#changes.notify();
    return message;
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
            : this.#state.messages.get(record.originalMessageId);
        if (original === undefined || (deferred && record.originalEdits === 0)) {
          return undefined;
        }
        return {
          ...base,
          type: response.type,
          message: this.#state.messageJson(original),
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
    const channel = this.#state.channel(record.channelId);
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
        record.originalMessageId = message.message.id;
        return message;
      }
      case InteractionResponseType.UpdateMessage: {
        const source = this.#source(record);
        this.#messages.edit(source, parseMessagePayload(data, "edit"));
        return source;
      }
      case InteractionResponseType.DeferredMessageUpdate:
        return undefined;
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        record.choices = parseChoices(data.json);
        return undefined;
      case InteractionResponseType.Modal:
        record.modal = parseModal(data.json);
        return undefined;
      default:
        return undefined;
    }
  }

  #source(record: InteractionRecord): MessageRecord {
    const source =
      record.sourceMessageId === null
        ? undefined
        : this.#state.messages.get(record.sourceMessageId);
    if (source === undefined) {
      throw DiscordApiError.unknownMessage();
    }
    return source;
  }

  #byToken(applicationId: string, token: string): InteractionRecord {
    const record = [...this.#state.interactions.values()].find(
      (candidate) => candidate.token === token,
    );
    if (record === undefined || applicationId !== this.#state.applicationId) {
      throw DiscordApiError.unknownWebhook();
    }
    if (Date.now() - record.createdAt > this.#timings.tokenLifetimeMs) {
      throw DiscordApiError.invalidWebhookToken();
    }
    return record;
  }
}

function parseChoices(json: unknown): APIApplicationCommandOptionChoice[] {
  const errors = new FormErrors();
  const list = isRecord(json) ? (arrayField(json, "choices") ?? []) : [];
  errors.maxItems(["data", "choices"], list, 25);
  const choices = list.filter(isChoice);
  choices.forEach((choice, index) => {
    errors.lengthBetween(["data", "choices", index, "name"], choice.name, 1, 100);
    if (typeof choice.value === "string") {
      errors.maxLength(["data", "choices", index, "value"], choice.value, 100);
    }
  });
  errors.throwIfAny();
  return choices;
}

function isChoice(value: unknown): value is APIApplicationCommandOptionChoice {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    (typeof value.value === "string" || typeof value.value === "number")
  );
}

function parseModal(json: unknown): APIModalInteractionResponseCallbackData {
  const errors = new FormErrors();
  if (!isModal(json)) {
    errors.add(["data"], "BASE_TYPE_REQUIRED", "This field is required");
    throw errors.toError();
  }
  errors.lengthBetween(["data", "custom_id"], json.custom_id, 1, 100);
  errors.lengthBetween(["data", "title"], json.title, 1, 45);
  errors.maxItems(["data", "components"], json.components, 5);
  errors.throwIfAny();
  return json;
}

function isModal(value: unknown): value is APIModalInteractionResponseCallbackData {
  return (
    isRecord(value) &&
    stringField(value, "custom_id") !== undefined &&
    stringField(value, "title") !== undefined &&
    Array.isArray(value.components)
  );
}
