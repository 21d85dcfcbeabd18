import type {
  GatewayChannelCreateDispatchData,
  GatewayChannelDeleteDispatchData,
  GatewayDispatchEvents,
  GatewayGuildCreateDispatchData,
  GatewayGuildDeleteDispatchData,
  GatewayGuildMemberAddDispatchData,
  GatewayGuildRoleCreateDispatchData,
  GatewayInteractionCreateDispatchData,
  GatewayMessageCreateDispatchData,
  GatewayMessageDeleteDispatchData,
  GatewayMessageReactionAddDispatchData,
  GatewayMessageReactionRemoveAllDispatchData,
  GatewayMessageReactionRemoveDispatchData,
  GatewayMessageReactionRemoveEmojiDispatchData,
  GatewayMessageUpdateDispatchData,
  GatewayThreadCreateDispatchData,
} from "discord-api-types/v10";

/** The events the local gateway dispatches, with their payload types. */
export interface DispatchPayloads {
  [GatewayDispatchEvents.GuildCreate]: GatewayGuildCreateDispatchData;
  /** Without `unavailable`: the bot left or was removed (with it: an outage). */
  [GatewayDispatchEvents.GuildDelete]: GatewayGuildDeleteDispatchData;
  [GatewayDispatchEvents.GuildMemberAdd]: GatewayGuildMemberAddDispatchData;
  [GatewayDispatchEvents.GuildRoleCreate]: GatewayGuildRoleCreateDispatchData;
  [GatewayDispatchEvents.ChannelCreate]: GatewayChannelCreateDispatchData;
  [GatewayDispatchEvents.ChannelDelete]: GatewayChannelDeleteDispatchData;
  [GatewayDispatchEvents.ThreadCreate]: GatewayThreadCreateDispatchData;
  [GatewayDispatchEvents.MessageCreate]: GatewayMessageCreateDispatchData;
  [GatewayDispatchEvents.MessageUpdate]: GatewayMessageUpdateDispatchData;
  [GatewayDispatchEvents.MessageDelete]: GatewayMessageDeleteDispatchData;
  [GatewayDispatchEvents.MessageReactionAdd]: GatewayMessageReactionAddDispatchData;
  [GatewayDispatchEvents.MessageReactionRemove]: GatewayMessageReactionRemoveDispatchData;
  [GatewayDispatchEvents.MessageReactionRemoveAll]: GatewayMessageReactionRemoveAllDispatchData;
  [GatewayDispatchEvents.MessageReactionRemoveEmoji]: GatewayMessageReactionRemoveEmojiDispatchData;
  [GatewayDispatchEvents.InteractionCreate]: GatewayInteractionCreateDispatchData;
}

export type DispatchEvent = keyof DispatchPayloads;

/** Where an event belongs, which decides the shard and intents that receive it. */
export interface DispatchScope<E extends DispatchEvent> {
  /** null: a DM (shard 0). */
  readonly guildId: string | null;
  /** What sessions without the MessageContent intent get instead (guild messages only). */
  readonly withoutMessageContent?: DispatchPayloads[E];
}

/** Something that delivers gateway events (the local gateway). */
export interface Dispatcher {
  dispatch<E extends DispatchEvent>(
    event: E,
    data: DispatchPayloads[E],
    scope: DispatchScope<E>,
  ): void;
}
