import { GatewayDispatchEvents, ReactionType } from "discord-api-types/v10";
import type { ChangeFeed } from "../ChangeFeed.js";
import { DiscordApiError } from "../DiscordApiError.js";
import type { Dispatcher } from "../gateway/DispatchPayloads.js";
import { toApiMember } from "../serialize/toApiMember.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { Emoji, MessageRecord, ReactionRecord } from "../state/records.js";

/**
 * Adds and removes reactions and dispatches the events Discord would. Ephemeral messages take
 * none (10008). Permission checks are the REST layer's job.
 */
export class ReactionService {
  readonly #state: DiscordState;
  readonly #dispatcher: Dispatcher;
  readonly #changes: ChangeFeed;

  constructor(state: DiscordState, dispatcher: Dispatcher, changes: ChangeFeed) {
    this.#state = state;
    this.#dispatcher = dispatcher;
    this.#changes = changes;
  }

  has(record: MessageRecord, emoji: Emoji): boolean {
    return this.#state.messages.hasReaction(record.message.id, emoji);
  }

  /** The user reacts (MESSAGE_REACTION_ADD, with the member in guilds); again: nothing. */
  add(record: MessageRecord, userId: string, emoji: Emoji): void {
    requireReactable(record);
    const reaction = this.#state.messages.addReaction(record.message.id, userId, emoji);
    if (reaction === undefined) {
      return;
    }
    const { guildId } = record;
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionAdd,
      {
        ...reactionEvent(record, userId, reaction),
        message_author_id: record.message.author.id,
        burst_colors: [],
        ...(guildId === null ? {} : { member: toApiMember(this.#state, guildId, userId) }),
      },
      { guildId },
    );
    this.#changes.notify();
  }

  /** The user takes their reaction back (MESSAGE_REACTION_REMOVE); none: nothing. */
  remove(record: MessageRecord, userId: string, emoji: Emoji): void {
    requireReactable(record);
    const reaction = this.#state.messages.removeReaction(record.message.id, userId, emoji);
    if (reaction === undefined) {
      return;
    }
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionRemove,
      reactionEvent(record, userId, reaction),
      { guildId: record.guildId },
    );
    this.#changes.notify();
  }

  /**
   * Removes every reaction on a message, as a moderator or DELETE .../reactions does
   * (MESSAGE_REACTION_REMOVE_ALL); nothing is dispatched when there was none.
   */
  clear(record: MessageRecord): void {
    requireReactable(record);
    if (!this.#state.messages.clearReactions(record.message.id)) {
      return;
    }
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionRemoveAll,
      reactionTarget(record),
      { guildId: record.guildId },
    );
    this.#changes.notify();
  }

  /**
   * Removes every reaction with one emoji, as a moderator or DELETE .../reactions/{emoji} does
   * (MESSAGE_REACTION_REMOVE_EMOJI); nothing is dispatched when there was none.
   */
  clearEmoji(record: MessageRecord, emoji: Emoji): void {
    requireReactable(record);
    const reaction = this.#state.messages.clearReactionEmoji(record.message.id, emoji);
    if (reaction === undefined) {
      return;
    }
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.MessageReactionRemoveEmoji,
      { ...reactionTarget(record), emoji: reaction.emoji },
      { guildId: record.guildId },
    );
    this.#changes.notify();
  }

  /** The users who reacted with `emoji`, by id, as GET .../reactions/{emoji} pages them. */
  users(record: MessageRecord, emoji: Emoji, limit: number, after?: string): string[] {
    return this.#state.messages
      .reactionUserIds(record.message.id, emoji)
      .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
      .filter((id) => after === undefined || BigInt(id) > BigInt(after))
      .slice(0, limit);
  }
}

function requireReactable(record: MessageRecord): void {
  if (record.ephemeral) {
    throw DiscordApiError.unknownMessage();
  }
}

function reactionEvent(record: MessageRecord, userId: string, reaction: ReactionRecord) {
  return {
    user_id: userId,
    ...reactionTarget(record),
    emoji: reaction.emoji,
    burst: false,
    type: ReactionType.Normal,
  };
}

/** The message a reaction event is about: its channel, id and guild (none in DMs). */
function reactionTarget(record: MessageRecord) {
  return {
    channel_id: record.message.channel_id,
    message_id: record.message.id,
    ...(record.guildId === null ? {} : { guild_id: record.guildId }),
  };
}
