import type { APIEmbed } from "discord-api-types/v10";
import type { MessageService } from "../messages/MessageService.js";
import type { ReactionService } from "../messages/ReactionService.js";
import { emptyMessagePayload } from "../parseMessagePayload.js";
import { parseEmoji } from "../rest/parseEmoji.js";
import type { StoredMessage } from "../StoredMessage.js";
import { toApiMessage } from "../serialize/toApiMessage.js";
import type { DiscordState } from "../state/DiscordState.js";
import { requireMemberAccess } from "./requireMemberAccess.js";

export interface MemberMessage {
  readonly userId: string;
  readonly channelId: string;
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  /** Reply to this message. */
  readonly replyTo?: string;
}

/** What members (and moderators) do to messages: post, react, take reactions back, clear them. */
export class MemberActions {
  readonly #state: DiscordState;
  readonly #messages: MessageService;
  readonly #reactions: ReactionService;

  constructor(state: DiscordState, messages: MessageService, reactions: ReactionService) {
    this.#state = state;
    this.#messages = messages;
    this.#reactions = reactions;
  }

  sendMessage(input: MemberMessage): StoredMessage {
    const channel = this.#state.channels.get(input.channelId);
    requireMemberAccess(this.#state, input.userId, channel.id);
    const record = this.#messages.create({
      channel,
      authorId: input.userId,
      payload: {
        ...emptyMessagePayload(),
        content: input.content,
        embeds: input.embeds,
        messageReference:
          input.replyTo === undefined
            ? undefined
            : { messageId: input.replyTo, failIfNotExists: true },
      },
    });
    return toApiMessage(this.#state, record);
  }

  react(userId: string, channelId: string, messageId: string, emoji: string): void {
    requireMemberAccess(this.#state, userId, channelId);
    this.#reactions.add(this.#state.messageIn(channelId, messageId), userId, parseEmoji(emoji));
  }

  unreact(userId: string, channelId: string, messageId: string, emoji: string): void {
    this.#reactions.remove(this.#state.messageIn(channelId, messageId), userId, parseEmoji(emoji));
  }

  clearReactions(channelId: string, messageId: string, emoji?: string): void {
    const record = this.#state.messageIn(channelId, messageId);
    if (emoji === undefined) {
      this.#reactions.clear(record);
    } else {
      this.#reactions.clearEmoji(record, parseEmoji(emoji));
    }
  }
}
