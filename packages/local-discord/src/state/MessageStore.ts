import type { APIMessage } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import type { Emoji, MessageRecord, ReactionRecord, StoredFile } from "./records.js";

/** A message as the store keeps it: its reactions and edits are written here only. */
interface KeptMessage {
  message: APIMessage;
  readonly guildId: string | null;
  readonly reactions: Map<string, { readonly emoji: Emoji; readonly userIds: Set<string> }>;
  files: readonly StoredFile[];
  readonly createdAt: number;
  readonly ephemeral: boolean;
  threadId: string | null;
}

/** What a new message is made of; it starts with no reactions and no thread. */
export type NewMessageRecord = Omit<MessageRecord, "reactions" | "threadId">;

/** Discord's limit on the different emoji a message can have. */
const MAX_REACTIONS = 20;

/**
 * The messages of every channel (ephemeral ones included), in the order they were posted, with
 * their reactions and files. It checks nothing about who may do what: the services do.
 */
export class MessageStore {
  readonly #messages = new Map<string, KeptMessage>();
  /** Each channel's message ids, oldest first. */
  readonly #byChannel = new Map<string, string[]>();

  add(input: NewMessageRecord): MessageRecord {
    const kept: KeptMessage = { ...input, reactions: new Map(), threadId: null };
    const id = kept.message.id;
    this.#messages.set(id, kept);
    const channelId = kept.message.channel_id;
    this.#byChannel.set(channelId, [...(this.#byChannel.get(channelId) ?? []), id]);
    return kept;
  }

  /** The message with this id, in any channel, if there is one. */
  find(id: string): MessageRecord | undefined {
    return this.#messages.get(id);
  }

  /** A channel's messages, oldest first, ephemeral ones included. */
  inChannel(channelId: string): MessageRecord[] {
    return (this.#byChannel.get(channelId) ?? []).flatMap((id) => {
      const kept = this.#messages.get(id);
      return kept === undefined ? [] : [kept];
    });
  }

  /** The file uploaded as this attachment, on whichever message it is. */
  file(attachmentId: string): StoredFile | undefined {
    for (const kept of this.#messages.values()) {
      const file = kept.files.find((candidate) => candidate.attachmentId === attachmentId);
      if (file !== undefined) {
        return file;
      }
    }
    return undefined;
  }

  /** Replaces what the message says and the files it keeps (an edit). */
  edit(id: string, message: APIMessage, files: readonly StoredFile[]): MessageRecord {
    const kept = this.#kept(id);
    kept.message = message;
    kept.files = files;
    return kept;
  }

  /** Notes the thread started from the message. */
  setThread(id: string, threadId: string): void {
    this.#kept(id).threadId = threadId;
  }

  remove(id: string): void {
    const kept = this.#messages.get(id);
    if (kept === undefined) {
      return;
    }
    this.#messages.delete(id);
    const channelId = kept.message.channel_id;
    this.#byChannel.set(
      channelId,
      (this.#byChannel.get(channelId) ?? []).filter((other) => other !== id),
    );
  }

  /** Forgets every message of a channel (it was deleted). */
  removeChannel(channelId: string): void {
    for (const id of this.#byChannel.get(channelId) ?? []) {
      this.#messages.delete(id);
    }
    this.#byChannel.delete(channelId);
  }

  hasReaction(id: string, emoji: Emoji): boolean {
    return this.#kept(id).reactions.has(emojiKey(emoji));
  }

  /**
   * The user's reaction with `emoji`: the reaction it joined, or undefined when the user had
   * already reacted so. 30010 when the message already has as many different emoji as it can.
   */
  addReaction(id: string, userId: string, emoji: Emoji): ReactionRecord | undefined {
    const { reactions } = this.#kept(id);
    const key = emojiKey(emoji);
    let reaction = reactions.get(key);
    if (reaction === undefined) {
      if (reactions.size >= MAX_REACTIONS) {
        throw DiscordApiError.maximumReactions();
      }
      reaction = { emoji: { id: emoji.id, name: emoji.name }, userIds: new Set() };
      reactions.set(key, reaction);
    }
    if (reaction.userIds.has(userId)) {
      return undefined;
    }
    reaction.userIds.add(userId);
    return reaction;
  }

  /** Takes the user's reaction away: the reaction it left, or undefined when there was none. */
  removeReaction(id: string, userId: string, emoji: Emoji): ReactionRecord | undefined {
    const { reactions } = this.#kept(id);
    const key = emojiKey(emoji);
    const reaction = reactions.get(key);
    if (reaction === undefined || !reaction.userIds.delete(userId)) {
      return undefined;
    }
    if (reaction.userIds.size === 0) {
      reactions.delete(key);
    }
    return reaction;
  }

  /** Removes every reaction; false when there was none. */
  clearReactions(id: string): boolean {
    const { reactions } = this.#kept(id);
    const had = reactions.size > 0;
    reactions.clear();
    return had;
  }

  /** Removes every reaction with one emoji: the reaction removed, or undefined when none. */
  clearReactionEmoji(id: string, emoji: Emoji): ReactionRecord | undefined {
    const { reactions } = this.#kept(id);
    const key = emojiKey(emoji);
    const reaction = reactions.get(key);
    reactions.delete(key);
    return reaction;
  }

  /** The ids of the users who reacted with `emoji`, in the order they did. */
  reactionUserIds(id: string, emoji: Emoji): string[] {
    return [...(this.#kept(id).reactions.get(emojiKey(emoji))?.userIds ?? [])];
  }

  #kept(id: string): KeptMessage {
    const kept = this.#messages.get(id);
    if (kept === undefined) {
      throw DiscordApiError.unknownMessage();
    }
    return kept;
  }
}

function emojiKey(emoji: Emoji): string {
  return emoji.id ?? emoji.name;
}
