import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import type { ChangeFeed } from "../ChangeFeed.js";
import { DiscordApiError } from "../DiscordApiError.js";
import type { MessageService } from "../messages/MessageService.js";
import { parseMessagePayload } from "../parseMessagePayload.js";
import type { RequestBody } from "../parseRequestBody.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { InteractionRecord, MessageRecord } from "../state/records.js";
import type { InteractionStore } from "./InteractionStore.js";

/**
 * An interaction's webhook, after the acknowledgement: `@original` and follow-ups, read, edited
 * and deleted while the token lives (then 50027), by the application the token is for.
 */
export class InteractionWebhook {
  readonly #state: DiscordState;
  readonly #store: InteractionStore;
  readonly #messages: MessageService;
  readonly #changes: ChangeFeed;
  /** How long follow-ups and edits are allowed (Discord: 15 min). */
  readonly #tokenLifetimeMs: number;

  constructor(
    state: DiscordState,
    store: InteractionStore,
    messages: MessageService,
    changes: ChangeFeed,
    tokenLifetimeMs: number,
  ) {
    this.#state = state;
    this.#store = store;
    this.#messages = messages;
    this.#changes = changes;
    this.#tokenLifetimeMs = tokenLifetimeMs;
  }

  /** The message a webhook route means: `@original` or a follow-up's id. */
  message(applicationId: string, token: string, messageId: string): MessageRecord {
    const record = this.#byToken(applicationId, token);
    const id = messageId === "@original" ? record.originalMessageId : messageId;
    const isOwn =
      id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = id === null ? undefined : this.#state.messages.find(id);
    if (!isOwn || message === undefined) {
      throw DiscordApiError.unknownMessage();
    }
    return message;
  }

  edit(applicationId: string, token: string, messageId: string, body: RequestBody): MessageRecord {
    const record = this.#byToken(applicationId, token);
    const message = this.message(applicationId, token, messageId);
    const edited = this.#messages.edit(message, parseMessagePayload(body, "edit"));
    if (message.message.id === record.originalMessageId) {
      this.#store.countOriginalEdit(record);
      this.#changes.notify();
    }
    return edited;
  }

  delete(applicationId: string, token: string, messageId: string): void {
    this.#messages.delete(this.message(applicationId, token, messageId));
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
        : this.#state.messages.find(record.originalMessageId);
    if (
      record.response.type === InteractionResponseType.DeferredChannelMessageWithSource &&
      original !== undefined &&
      ((original.message.flags ?? 0) & MessageFlags.Loading) !== 0
    ) {
      const edited = this.#messages.edit(original, payload);
      this.#store.countOriginalEdit(record);
      this.#changes.notify();
      return edited;
    }
    const message = this.#messages.create({
      channel: this.#state.channels.get(record.channelId),
      authorId: this.#state.botUser.id,
      payload,
      interaction: record,
      ephemeral: ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
    });
    this.#store.addFollowUp(record, message.message.id);
    this.#changes.notify();
    return message;
  }

  #byToken(applicationId: string, token: string): InteractionRecord {
    const record = this.#store.findByToken(token);
    if (record === undefined || applicationId !== this.#state.applicationId) {
      throw DiscordApiError.unknownWebhook();
    }
    if (Date.now() - record.createdAt > this.#tokenLifetimeMs) {
      throw DiscordApiError.invalidWebhookToken();
    }
    return record;
  }
}
