import { ChannelType, GatewayDispatchEvents } from "discord-api-types/v10";
import type { ChangeFeed } from "../ChangeFeed.js";
import { DiscordApiError } from "../DiscordApiError.js";
import type { Dispatcher } from "../gateway/DispatchPayloads.js";
import { toApiThread } from "../serialize/toApiChannel.js";
import type { DiscordState, NewThread } from "../state/DiscordState.js";
import type { ChannelRecord, MessageRecord, ThreadType } from "../state/records.js";

/** Starts threads in guild text channels (THREAD_CREATE). Permission checks are the REST layer's. */
export class ThreadService {
  readonly #state: DiscordState;
  readonly #dispatcher: Dispatcher;
  readonly #changes: ChangeFeed;

  constructor(state: DiscordState, dispatcher: Dispatcher, changes: ChangeFeed) {
    this.#state = state;
    this.#dispatcher = dispatcher;
    this.#changes = changes;
  }

  /** A thread started from a message; like on Discord, it has the message's id. */
  startFromMessage(
    record: MessageRecord,
    name: string,
    ownerId: string,
    autoArchiveDuration: ChannelRecord["autoArchiveDuration"],
  ): ChannelRecord {
    if (record.threadId !== null) {
      throw DiscordApiError.threadAlreadyCreated();
    }
    const parent = this.#state.channels.get(record.message.channel_id);
    const thread = this.#create(parent, {
      id: record.message.id,
      name,
      type: ChannelType.PublicThread,
      ownerId,
      autoArchiveDuration,
    });
    this.#state.messages.setThread(record.message.id, thread.id);
    this.#changes.notify();
    return thread;
  }

  /** A thread of its own in a channel, public or private. */
  start(
    parent: ChannelRecord,
    name: string,
    type: ThreadType,
    ownerId: string,
    autoArchiveDuration: ChannelRecord["autoArchiveDuration"],
  ): ChannelRecord {
    const thread = this.#create(parent, {
      id: this.#state.snowflakes.next(),
      name,
      type,
      ownerId,
      autoArchiveDuration,
    });
    this.#changes.notify();
    return thread;
  }

  #create(parent: ChannelRecord, input: NewThread): ChannelRecord {
    if (parent.type !== ChannelType.GuildText) {
      throw DiscordApiError.wrongChannelType();
    }
    const thread = this.#state.addThread(parent, input);
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.ThreadCreate,
      { ...toApiThread(this.#state, thread), newly_created: true },
      { guildId: thread.guildId },
    );
    return thread;
  }
}
