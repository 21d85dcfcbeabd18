import type { APIMessage } from "discord-api-types/v10";
import {
  GatewayDispatchEvents,
  InteractionType,
  MessageFlags,
  MessageType,
} from "discord-api-types/v10";
import type { ChangeFeed } from "../ChangeFeed.js";
import { DiscordApiError } from "../DiscordApiError.js";
import type { Dispatcher } from "../gateway/DispatchPayloads.js";
import type { MessagePayload } from "../parseMessagePayload.js";
import { toInteractionMetadata } from "../serialize/toInteractionMetadata.js";
import { toMessageDispatch } from "../serialize/toMessageDispatch.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { ChannelRecord, InteractionRecord, MessageRecord } from "../state/records.js";
import { attachmentsFor } from "./attachmentsFor.js";
import { replyReference } from "./replyReference.js";

export interface NewMessage {
  readonly channel: ChannelRecord;
  readonly authorId: string;
  readonly payload: MessagePayload;
  /** Interaction responses and follow-ups: the interaction they answer. */
  readonly interaction?: InteractionRecord;
  readonly ephemeral?: boolean;
  /** A deferred reply's "is thinking..." placeholder. */
  readonly loading?: boolean;
}

/** Which messages of a channel GET /channels/{id}/messages asks for. */
export interface MessageQuery {
  readonly limit: number;
  readonly before?: string;
  readonly after?: string;
  readonly around?: string;
}

const MENTION = /<@!?(\d{17,20})>/g;
/** Flags a bot may set on a message it sends or edits. */
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

/**
 * Creates, edits, deletes and lists messages, and dispatches what Discord would (never for
 * ephemeral messages). Permission checks are the REST layer's job.
 */
export class MessageService {
  readonly #state: DiscordState;
  readonly #dispatcher: Dispatcher;
  readonly #changes: ChangeFeed;
  readonly #nonceWindowMs: number;

  constructor(
    state: DiscordState,
    dispatcher: Dispatcher,
    changes: ChangeFeed,
    nonceWindowMs: number,
  ) {
    this.#state = state;
    this.#dispatcher = dispatcher;
    this.#changes = changes;
    this.#nonceWindowMs = nonceWindowMs;
  }

  create(input: NewMessage): MessageRecord {
    const { channel, payload, interaction } = input;
    const state = this.#state;
    const id = state.snowflakes.next();
    const now = Date.now();
    const ephemeral = input.ephemeral === true;
    const attachments = attachmentsFor(state, channel.id, payload);
    const reference = replyReference(state, channel, payload);
    const flags =
      ((payload.flags ?? 0) & SETTABLE_FLAGS) |
      (ephemeral ? MessageFlags.Ephemeral : 0) |
      (input.loading === true ? MessageFlags.Loading : 0);
    const message: APIMessage = {
      id,
      channel_id: channel.id,
      author: state.users.get(input.authorId),
      content: payload.content ?? "",
      timestamp: new Date(now).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: this.#mentions(payload.content ?? ""),
      mention_roles: [],
      attachments: attachments.map((file) => file.attachment),
      embeds: payload.embeds ?? [],
      components: payload.components ?? [],
      pinned: false,
      type: messageType(interaction, reference),
      flags,
      ...(payload.nonce === undefined ? {} : { nonce: payload.nonce }),
      ...(reference ?? {}),
      ...(interaction === undefined
        ? {}
        : {
            webhook_id: state.applicationId,
            application_id: state.applicationId,
            ...toInteractionMetadata(state, interaction),
          }),
    };
    const record = state.messages.add({
      message,
      guildId: channel.guildId,
      files: attachments.map((file) => file.stored),
      createdAt: now,
      ephemeral,
    });
    if (!ephemeral) {
      state.channels.setLastMessage(channel.id, id);
      this.#dispatchMessage(GatewayDispatchEvents.MessageCreate, record);
    }
    this.#changes.notify();
    return record;
  }

  /** A message this author sent here recently with this nonce (for `enforce_nonce`). */
  findByNonce(
    channel: ChannelRecord,
    authorId: string,
    nonce: string | number,
  ): MessageRecord | undefined {
    const since = Date.now() - this.#nonceWindowMs;
    return this.#state.messages
      .inChannel(channel.id)
      .find(
        (record) =>
          record.createdAt >= since &&
          record.message.author.id === authorId &&
          record.message.nonce === nonce,
      );
  }

  edit(record: MessageRecord, payload: MessagePayload): MessageRecord {
    const channel = this.#state.channels.get(record.message.channel_id);
    const kept =
      payload.attachments === undefined
        ? record.files
        : record.files.filter((file) =>
            payload.attachments?.some((entry) => entry.id === file.attachmentId),
          );
    const added = attachmentsFor(this.#state, channel.id, payload);
    const previous = record.message;
    const flags =
      payload.flags === undefined
        ? (previous.flags ?? 0) & ~MessageFlags.Loading
        : (payload.flags & SETTABLE_FLAGS) | ((previous.flags ?? 0) & MessageFlags.Ephemeral);
    const content = payload.content === undefined ? previous.content : (payload.content ?? "");
    const message: APIMessage = {
      ...previous,
      content,
      mentions: this.#mentions(content),
      embeds: payload.embeds === undefined ? previous.embeds : (payload.embeds ?? []),
      components:
        payload.components === undefined ? previous.components : (payload.components ?? []),
      attachments: [
        ...previous.attachments.filter((attachment) =>
          kept.some((file) => file.attachmentId === attachment.id),
        ),
        ...added.map((file) => file.attachment),
      ],
      flags,
      edited_timestamp: new Date().toISOString(),
    };
    const hasSomething =
      message.content !== "" ||
      message.embeds.length > 0 ||
      (message.components ?? []).length > 0 ||
      message.attachments.length > 0;
    if (!hasSomething) {
      throw DiscordApiError.emptyMessage();
    }
    const edited = this.#state.messages.edit(previous.id, message, [
      ...kept,
      ...added.map((file) => file.stored),
    ]);
    if (!edited.ephemeral) {
      this.#dispatchMessage(GatewayDispatchEvents.MessageUpdate, edited);
    }
    this.#changes.notify();
    return edited;
  }

  delete(record: MessageRecord): void {
    const channel = this.#state.channels.get(record.message.channel_id);
    this.#state.messages.remove(record.message.id);
    if (!record.ephemeral) {
      this.#dispatcher.dispatch(
        GatewayDispatchEvents.MessageDelete,
        {
          id: record.message.id,
          channel_id: channel.id,
          ...(record.guildId === null ? {} : { guild_id: record.guildId }),
        },
        { guildId: record.guildId },
      );
    }
    this.#changes.notify();
  }

  /** The messages of a channel as GET /channels/{id}/messages lists them: newest first. */
  list(channel: ChannelRecord, query: MessageQuery): MessageRecord[] {
    const visible = this.#state.messages
      .inChannel(channel.id)
      .filter((record) => !record.ephemeral);
    const older = (a: string, b: string) => BigInt(a) < BigInt(b);
    let chosen: MessageRecord[];
    if (query.after !== undefined) {
      const after = query.after;
      chosen = visible.filter((record) => older(after, record.message.id)).slice(0, query.limit);
    } else if (query.around !== undefined) {
      const index = visible.findIndex((record) => record.message.id === query.around);
      const start = Math.max(0, index - Math.floor(query.limit / 2));
      chosen = index < 0 ? [] : visible.slice(start, start + query.limit);
    } else {
      const before = query.before;
      const candidates =
        before === undefined
          ? visible
          : visible.filter((record) => older(record.message.id, before));
      chosen = candidates.slice(-query.limit);
    }
    return chosen.reverse();
  }

  #dispatchMessage(
    event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate,
    record: MessageRecord,
  ): void {
    const { data, withoutMessageContent } = toMessageDispatch(this.#state, record);
    this.#dispatcher.dispatch(event, data, {
      guildId: record.guildId,
      ...(withoutMessageContent === undefined ? {} : { withoutMessageContent }),
    });
  }

  #mentions(content: string) {
    const ids = new Set([...content.matchAll(MENTION)].map((match) => match[1] ?? ""));
    return [...ids].flatMap((id) => {
      const user = this.#state.users.find(id);
      return user === undefined ? [] : [user];
    });
  }
}

function messageType(
  interaction: InteractionRecord | undefined,
  reference: object | undefined,
): MessageType {
  if (interaction?.type === InteractionType.ApplicationCommand) {
    return MessageType.ChatInputCommand;
  }
  return reference === undefined ? MessageType.Default : MessageType.Reply;
}
