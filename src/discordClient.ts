import {
  type CacheFactory,
  Client,
  GatewayIntentBits,
  LimitedCollection,
  Options,
  Partials,
} from "discord.js";

/**
 * The caches discord.js does not support limiting (guilds, channels, roles, permission
 * overwrites), which the drops' channel and permission checks read, and the bot's own member
 * and user, which they need too.
 */
const KEPT_CACHES: ReadonlySet<string> = new Set([
  "GuildManager",
  "ChannelManager",
  "GuildChannelManager",
  "RoleManager",
  "PermissionOverwriteManager",
  "GuildMemberManager",
  "UserManager",
]);

/** Keeps every guild, channel and role; of members and users, only the bot's own. */
const keptCaches = Options.cacheWithLimits({
  GuildMemberManager: {
    maxSize: 0,
    keepOverLimit: (member) => member.id === member.client.user.id,
  },
  UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
});

/**
 * One cache, limited to nothing, for everything else: the bot answers from what interactions and
 * events carry and from its database, and reads and posts through the API. A cache that never
 * holds anything can be shared, which matters with 50 channels a server: each channel would
 * otherwise have an empty cache of its own for messages and one for threads.
 */
const noCache: ReturnType<CacheFactory> = new LimitedCollection({ maxSize: 0 });

const clientCaches: CacheFactory = (managerType, holds, manager) =>
  KEPT_CACHES.has(managerType.name) ? keptCaches(managerType, holds, manager) : noCache;

/**
 * Discord bans a bot's address for an hour after 10,000 invalid requests (401, 403, 429) in ten
 * minutes; discord.js counts them and tells every this many.
 */
export const INVALID_REQUEST_WARNING_INTERVAL = 500;

/** The bot's discord.js client: the intents and partials it needs, slim caches, the configured API. */
export function createClient(api: string | undefined): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: {
      ...(api === undefined ? {} : { api }),
      invalidRequestWarningInterval: INVALID_REQUEST_WARNING_INTERVAL,
    },
    makeCache: clientCaches,
  });
}
