import { GatewayDispatchEvents, GatewayIntentBits } from "discord-api-types/v10";

/**
 * The intent a session needs to receive `event` (guild or DM flavour), or null when every
 * session gets it (READY, INTERACTION_CREATE, ...).
 */
export function requiredIntent(event: GatewayDispatchEvents, inGuild: boolean): number | null {
  switch (event) {
    case GatewayDispatchEvents.GuildCreate:
    case GatewayDispatchEvents.GuildUpdate:
    case GatewayDispatchEvents.GuildDelete:
    case GatewayDispatchEvents.GuildRoleCreate:
    case GatewayDispatchEvents.GuildRoleUpdate:
    case GatewayDispatchEvents.GuildRoleDelete:
    case GatewayDispatchEvents.ChannelCreate:
    case GatewayDispatchEvents.ChannelUpdate:
    case GatewayDispatchEvents.ChannelDelete:
    case GatewayDispatchEvents.ThreadCreate:
    case GatewayDispatchEvents.ThreadUpdate:
    case GatewayDispatchEvents.ThreadDelete:
      return GatewayIntentBits.Guilds;
    case GatewayDispatchEvents.GuildMemberAdd:
    case GatewayDispatchEvents.GuildMemberUpdate:
    case GatewayDispatchEvents.GuildMemberRemove:
      return GatewayIntentBits.GuildMembers;
    case GatewayDispatchEvents.MessageCreate:
    case GatewayDispatchEvents.MessageUpdate:
    case GatewayDispatchEvents.MessageDelete:
    case GatewayDispatchEvents.MessageDeleteBulk:
      return inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
    case GatewayDispatchEvents.MessageReactionAdd:
    case GatewayDispatchEvents.MessageReactionRemove:
    case GatewayDispatchEvents.MessageReactionRemoveAll:
    case GatewayDispatchEvents.MessageReactionRemoveEmoji:
      return inGuild
        ? GatewayIntentBits.GuildMessageReactions
        : GatewayIntentBits.DirectMessageReactions;
    case GatewayDispatchEvents.TypingStart:
      return inGuild ? GatewayIntentBits.GuildMessageTyping : GatewayIntentBits.DirectMessageTyping;
    default:
      return null;
  }
}
