import type {
  APIAttachment,
  APIMessage,
  APIMessageInteractionMetadata,
  APIUserWithMember,
  GatewayMessageCreateDispatchData,
} from "discord-api-types/v10";
import {
  ApplicationIntegrationType,
  ChannelType,
  GatewayDispatchEvents,
  InteractionType,
  MessageFlags,
  MessageType,
  ReactionType,
} from "discord-api-types/v10";
import type { ChangeFeed } from "./ChangeFeed.js";
import { DiscordApiError } from "./DiscordApiError.js";
import type { DiscordState } from "./DiscordState.js";
import type { Dispatcher } from "./DispatchPayloads.js";
import { FormErrors } from "./FormErrors.js";
import type { MessagePayload } from "./parseMessagePayload.js";
import type {
  ChannelRecord,
  InteractionRecord,
  MessageRecord,
  ReactionRecord,
  StoredFile,
  ThreadType,
} from "./records.js";

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

export interface Emoji {
  readonly id: string | null;
  readonly name: string;
}

const MAX_REACTIONS = 20;
const MENTION = /<@!?(\d{17,20})>/g;
/** Flags a bot may set on a message it sends or edits. */
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

/**
 * Creates, edits and deletes messages, reactions and threads, and dispatches what Discord would
 * (never for ephemeral messages). Permission checks are the REST layer's job.
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
    const files = this.#storeFiles(channel, payload);
    const reference = this.#reference(channel, payload);
    const flags =
      ((payload.flags ?? 0) & SETTABLE_FLAGS) |
      (ephemeral ? MessageFlags.Ephemeral : 0) |
      (input.loading === true ? MessageFlags.Loading : 0);
    const message: APIMessage = {
      id,
      channel_id: channel.id,
      author: state.user(input.authorId),
      content: payload.content ?? "",
      timestamp: new Date(now).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: this.#mentions(payload.content ?? ""),
      mention_roles: [],
      attachments: files.map((file) => file.attachment),
      embeds: payload.embeds ?? [],
      components: payload.components ?? [],
      pinned: false,
      type: this.#type(interaction, reference),
      flags,
      ...(payload.nonce === undefined ? {} : { nonce: payload.nonce }),
      ...(reference ?? {}),
      ...(interaction === undefined
        ? {}
        : {
            webhook_id: state.applicationId,
            application_id: state.applicationId,
            ...interactionMetadata(state, interaction),
          }),
    };
    const record: MessageRecord = {
      message,
      guildId: channel.guildId,
      reactions: new Map(),
      files: files.map((file) => file.stored),
      createdAt: now,
      ephemeral,
      threadId: null,
    };
    state.messages.set(id, record);
    channel.messageIds.push(id);
    if (!ephemeral) {
      channel.lastMessageId = id;
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
    return channel.messageIds
      .map((id) => this.#state.messages.get(id))
      .find(
        (record) =>
          record !== undefined &&
          record.createdAt >= since &&
          record.message.author.id === authorId &&
          record.message.nonce === nonce,
      );
  }

  edit(record: MessageRecord, payload: MessagePayload): MessageRecord {
    const channel = this.#state.channel(record.message.channel_id);
    const kept =
      payload.attachments === undefined
        ? record.files
        : record.files.filter((file) =>
            payload.attachments?.some((entry) => entry.id === file.attachmentId),
          );
    const added = this.#storeFiles(channel, payload);
    const files = [...kept, ...added.map((file) => file.stored)];
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
    record.message = message;
    record.files = files;
    if (!record.ephemeral) {
      this.#dispatchMessage(GatewayDispatchEvents.MessageUpdate, record);
    }
    this.#changes.notify();
    return record;
  }

  delete(record: MessageRecord): void {
    const channel = this.#state.channel(record.message.channel_id);
    this.#state.messages.delete(record.message.id);
    const index = channel.messageIds.indexOf(record.message.id);
    if (index >= 0) {
      channel.messageIds.splice(index, 1);
    }
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
  list(
    channel: ChannelRecord,
    query: { limit: number; before?: string; after?: string; around?: string },
  ): MessageRecord[] {
    const visible = channel.messageIds
      .map((id) => this.#state.messages.get(id))
      .filter((record): record is MessageRecord => record !== undefined && !record.ephemeral);
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

  hasReaction(record: MessageRecord, emoji: Emoji): boolean {
    return record.reactions.has(emojiKey(emoji));
  }

  addReaction(record: MessageRecord, userId: string, emoji: Emoji): void {
    if (record.ephemeral) {
      throw DiscordApiError.unknownMessage();
    }
    const key = emojiKey(emoji);
    let reaction = record.reactions.get(key);
    if (reaction === undefined) {
      if (record.reactions.size >= MAX_REACTIONS) {
        throw DiscordApiError.maximumReactions();
      }
      reaction = { emoji: { id: emoji.id, name: emoji.name }, userIds: new Set() };
      record.reactions.set(key, reaction);
    }
    if (reaction.userIds.has(userId)) {
      return;
    }
    reaction.userIds.add(userId);
    const { guildId } = record;
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionAdd,
      {
        ...this.#reactionEvent(record, userId, reaction),
        message_author_id: record.message.author.id,
        burst_colors: [],
        ...(guildId === null ? {} : { member: this.#state.memberJson(guildId, userId) }),
      },
      { guildId },
    );
    this.#changes.notify();
  }

  removeReaction(record: MessageRecord, userId: string, emoji: Emoji): void {
    if (record.ephemeral) {
      throw DiscordApiError.unknownMessage();
    }
    const key = emojiKey(emoji);
    const reaction = record.reactions.get(key);
    if (reaction === undefined || !reaction.userIds.delete(userId)) {
      return;
    }
    if (reaction.userIds.size === 0) {
      record.reactions.delete(key);
    }
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionRemove,
      this.#reactionEvent(record, userId, reaction),
      { guildId: record.guildId },
    );
    this.#changes.notify();
  }

  /**
   * Removes every reaction on a message, as a moderator or DELETE .../reactions does
   * (MESSAGE_REACTION_REMOVE_ALL); nothing is dispatched when there was none.
   */
  clearReactions(record: MessageRecord): void {
    if (record.ephemeral) {
      throw DiscordApiError.unknownMessage();
    }
    if (record.reactions.size === 0) {
      return;
    }
    record.reactions.clear();
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionRemoveAll,
      this.#reactionTarget(record),
      { guildId: record.guildId },
    );
    this.#changes.notify();
  }

  /**
   * Removes every reaction with one emoji, as a moderator or DELETE .../reactions/{emoji} does
   * (MESSAGE_REACTION_REMOVE_EMOJI); nothing is dispatched when there was none.
   */
  clearReactionEmoji(record: MessageRecord, emoji: Emoji): void {
    if (record.ephemeral) {
      throw DiscordApiError.unknownMessage();
    }
    const key = emojiKey(emoji);
    const reaction = record.reactions.get(key);
    if (reaction === undefined) {
      return;
    }
    record.reactions.delete(key);
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionRemoveEmoji,
      { ...this.#reactionTarget(record), emoji: reaction.emoji },
      { guildId: record.guildId },
    );
    this.#changes.notify();
  }

  /** The users who reacted with `emoji`, by id, as GET .../reactions/{emoji} pages them. */
  reactionUsers(record: MessageRecord, emoji: Emoji, limit: number, after?: string): string[] {
    const userIds = [...(record.reactions.get(emojiKey(emoji))?.userIds ?? [])];
    return userIds
      .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
      .filter((id) => after === undefined || BigInt(id) > BigInt(after))
      .slice(0, limit);
  }

  /** A thread started from a message; like on Discord, it has the message's id. */
  startThreadFromMessage(
    record: MessageRecord,
    name: string,
    ownerId: string,
    autoArchiveDuration: ChannelRecord["autoArchiveDuration"],
  ): ChannelRecord {
    if (record.threadId !== null) {
      throw DiscordApiError.threadAlreadyCreated();
    }
    const parent = this.#state.channel(record.message.channel_id);
    const thread = this.#createThread(parent, {
      id: record.message.id,
      name,
      type: ChannelType.PublicThread,
      ownerId,
      autoArchiveDuration,
    });
    record.threadId = thread.id;
    this.#changes.notify();
    return thread;
  }

  startThread(
    parent: ChannelRecord,
    name: string,
    type: ThreadType,
    ownerId: string,
    autoArchiveDuration: ChannelRecord["autoArchiveDuration"],
  ): ChannelRecord {
    const thread = this.#createThread(parent, {
      id: this.#state.snowflakes.next(),
      name,
      type,
      ownerId,
      autoArchiveDuration,
    });
    this.#changes.notify();
    return thread;
  }

  #createThread(
    parent: ChannelRecord,
    input: Parameters<DiscordState["addThread"]>[1],
  ): ChannelRecord {
    if (parent.type !== ChannelType.GuildText) {
      throw DiscordApiError.wrongChannelType();
    }
    const thread = this.#state.addThread(parent, input);
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.ThreadCreate,
      { ...this.#state.threadJson(thread), newly_created: true },
      { guildId: thread.guildId },
    );
    return thread;
  }

  #reactionEvent(record: MessageRecord, userId: string, reaction: ReactionRecord) {
    return {
      user_id: userId,
      ...this.#reactionTarget(record),
      emoji: reaction.emoji,
      burst: false,
      type: ReactionType.Normal,
    };
  }

  /** The message a reaction event is about: its channel, id and guild (none in DMs). */
  #reactionTarget(record: MessageRecord) {
    return {
      channel_id: record.message.channel_id,
      message_id: record.message.id,
      ...(record.guildId === null ? {} : { guild_id: record.guildId }),
    };
  }

  #dispatchMessage(
    event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate,
    record: MessageRecord,
  ): void {
    const message = this.#state.messageJson(record);
    const { guildId } = record;
    const data: GatewayMessageCreateDispatchData = {
      ...message,
      mentions: message.mentions.map((user): APIUserWithMember => user),
      ...(guildId === null
        ? {}
        : {
            guild_id: guildId,
            member: this.#memberWithoutUser(guildId, message.author.id),
          }),
    };
    const botId = this.#state.botUser.id;
    const exempt =
      guildId === null ||
      message.author.id === botId ||
      message.mentions.some((user) => user.id === botId);
    const withoutMessageContent = exempt
      ? undefined
      : { ...data, content: "", embeds: [], attachments: [], components: [] };
    this.#dispatcher.dispatch(event, data, {
      guildId,
      ...(withoutMessageContent === undefined ? {} : { withoutMessageContent }),
    });
  }

  #memberWithoutUser(guildId: string, userId: string) {
    const guild = this.#state.guild(guildId);
    if (!guild.members.has(userId)) {
      return undefined;
    }
    const { user: _user, ...member } = this.#state.memberJson(guildId, userId);
    return member;
  }

  #mentions(content: string) {
    const ids = new Set([...content.matchAll(MENTION)].map((match) => match[1] ?? ""));
    return [...ids].flatMap((id) => {
      const user = this.#state.users.get(id);
      return user === undefined ? [] : [user];
    });
  }

  #type(interaction: InteractionRecord | undefined, reference: object | undefined): MessageType {
    if (interaction?.type === InteractionType.ApplicationCommand) {
      return MessageType.ChatInputCommand;
    }
    return reference === undefined ? MessageType.Default : MessageType.Reply;
  }

  #reference(channel: ChannelRecord, payload: MessagePayload) {
    const reference = payload.messageReference;
    if (reference === undefined) {
      return undefined;
    }
    const target = this.#state.messages.get(reference.messageId);
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
      referenced_message: this.#state.messageJson(target),
    };
  }

  #storeFiles(channel: ChannelRecord, payload: MessagePayload) {
    return payload.files.map((file) => {
      const entry = payload.attachments?.find((attachment) => attachment.id === String(file.index));
      const attachmentId = this.#state.snowflakes.next();
      const name = entry?.filename ?? file.name;
      const url = `${this.#state.origin}/attachments/${channel.id}/${attachmentId}/${encodeURIComponent(name)}`;
      const attachment: APIAttachment = {
        id: attachmentId,
        filename: name,
        size: file.data.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
        ...(entry?.description === undefined ? {} : { description: entry.description }),
      };
      const stored: StoredFile = {
        attachmentId,
        name,
        contentType: file.contentType,
        data: file.data,
      };
      return { attachment, stored };
    });
  }
}

function emojiKey(emoji: Emoji): string {
  return emoji.id ?? emoji.name;
}

function interactionMetadata(
  state: DiscordState,
  interaction: InteractionRecord,
): { interaction_metadata?: APIMessageInteractionMetadata } {
  const base = {
    id: interaction.id,
    user: state.user(interaction.userId),
    authorizing_integration_owners:
      interaction.guildId === null
        ? { [ApplicationIntegrationType.UserInstall]: interaction.userId }
        : { [ApplicationIntegrationType.GuildInstall]: interaction.guildId },
  };
  if (interaction.type === InteractionType.ApplicationCommand) {
    return { interaction_metadata: { ...base, type: InteractionType.ApplicationCommand } };
  }
  if (
    interaction.type === InteractionType.MessageComponent &&
    interaction.sourceMessageId !== null
  ) {
    return {
      interaction_metadata: {
        ...base,
        type: InteractionType.MessageComponent,
        interacted_message_id: interaction.sourceMessageId,
      },
    };
  }
  return {};
}
