import {
  type CacheFactory,
  Client,
  Collection,
  GatewayIntentBits,
  LimitedCollection,
  Options,
  Partials,
} from "discord.js";

/**
 * The caches the drops' channel and permission checks read, kept whole: guilds, roles, and the
 * permission overwrites of the channels that are kept; and the bot's own member and user.
 */
const KEPT_CACHES: ReadonlySet<string> = new Set([
  "GuildManager",
  "RoleManager",
  "PermissionOverwriteManager",
  "GuildMemberManager",
  "UserManager",
]);

/** The client's and each server's channel caches. */
const CHANNEL_CACHES: ReadonlySet<string> = new Set(["ChannelManager", "GuildChannelManager"]);

/** Keeps every guild and role; of members and users, only the bot's own. */
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

/**
 * A channel cache that holds only the channels in `kept` (reading channels and those drops were
 * posted in): the drops check those, reactions on drop messages arrive only for cached channels,
 * and nothing else reads a channel. With 50 channels a server, the rest would be most of the
 * heap. discord.js warns against limiting these caches (a LimitedCollection) because its own
 * lookups for an event's channel find nothing for the channels left out: the bot listens to no
 * event about them, and the set is checked by id, so a kept channel is never evicted.
 */
class KeptChannelCollection<Channel> extends Collection<string, Channel> {
  readonly #kept: ReadonlySet<string>;

  constructor(kept: ReadonlySet<string>) {
    super();
    this.#kept = kept;
  }

  override set(id: string, channel: Channel): this {
    return this.#kept.has(id) ? super.set(id, channel) : this;
  }
}

function clientCaches(kept: ReadonlySet<string>): CacheFactory {
  return (managerType, holds, manager) => {
    if (CHANNEL_CACHES.has(managerType.name)) return new KeptChannelCollection(kept);
    return KEPT_CACHES.has(managerType.name) ? keptCaches(managerType, holds, manager) : noCache;
  };
}

/**
 * Discord bans a bot's address for an hour after 10,000 invalid requests (401, 403, 429) in ten
 * minutes; discord.js counts them and tells every this many.
 */
export const INVALID_REQUEST_WARNING_INTERVAL = 500;

/**
 * The bot's discord.js client: the intents and partials it needs, slim caches (of channels, only
 * those in `keptChannels`, which the bot may add to), the configured API.
 */
export function createClient(api: string | undefined, keptChannels: ReadonlySet<string>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: {
      ...(api === undefined ? {} : { api }),
      invalidRequestWarningInterval: INVALID_REQUEST_WARNING_INTERVAL,
    },
    makeCache: clientCaches(keptChannels),
  });
}
