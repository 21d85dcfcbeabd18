import { ChannelType } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import type { ChannelRecord, Writable } from "./records.js";

/**
 * The channels: guild text channels, threads and DMs, with each guild's and each DM's found
 * without a walk over all of them (a bench world has 125,000).
 */
export class ChannelStore {
  readonly #channels = new Map<string, Writable<ChannelRecord>>();
  /** Each guild's channels and threads by id, in the order they were made. */
  readonly #byGuild = new Map<string, Map<string, Writable<ChannelRecord>>>();
  /** The DM channel with each user. */
  readonly #dms = new Map<string, Writable<ChannelRecord>>();

  /** Keeps a new channel; what it returns is the record as kept from then on. */
  add(channel: ChannelRecord): ChannelRecord {
    const kept = { ...channel };
    this.#channels.set(kept.id, kept);
    if (kept.guildId !== null) {
      const inGuild = this.#byGuild.get(kept.guildId) ?? new Map();
      this.#byGuild.set(kept.guildId, inGuild.set(kept.id, kept));
    }
    if (kept.type === ChannelType.DM && kept.recipientId !== null) {
      this.#dms.set(kept.recipientId, kept);
    }
    return kept;
  }

  /** The channel with this id; 10003 Unknown Channel when there is none. */
  get(id: string): ChannelRecord {
    return this.#writable(id);
  }

  /** The channel with this id, if there is one. */
  find(id: string): ChannelRecord | undefined {
    return this.#channels.get(id);
  }

  /** The guild's channels and threads, oldest first. */
  inGuild(guildId: string): ChannelRecord[] {
    return [...(this.#byGuild.get(guildId)?.values() ?? [])];
  }

  /** The DM channel between the bot and this user, if it was opened. */
  dmWith(userId: string): ChannelRecord | undefined {
    return this.#dms.get(userId);
  }

  remove(id: string): void {
    const channel = this.#channels.get(id);
    this.#channels.delete(id);
    if (channel?.guildId != null) this.#byGuild.get(channel.guildId)?.delete(id);
    if (channel?.recipientId != null && this.#dms.get(channel.recipientId) === channel) {
      this.#dms.delete(channel.recipientId);
    }
  }

  /** Sets what the bot is denied in the channel (its member overwrite). */
  setDenyBot(id: string, permissions: bigint): void {
    this.#writable(id).denyBot = permissions;
  }

  /** Notes the channel's newest message (deleting it later leaves it noted, as on Discord). */
  setLastMessage(id: string, messageId: string): void {
    this.#writable(id).lastMessageId = messageId;
  }

  #writable(id: string): Writable<ChannelRecord> {
    const channel = this.#channels.get(id);
    if (channel === undefined) {
      throw DiscordApiError.unknownChannel();
    }
    return channel;
  }
}
