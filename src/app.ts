import { once } from "node:events";
import {
  type CacheFactory,
  Client,
  Events,
  GatewayIntentBits,
  LimitedCollection,
  Options,
  Partials,
} from "discord.js";
import { createDispatcher } from "./commands/dispatcher.js";
import { buttonHandlers, chatCommands } from "./commands/registry.js";
import { syncCommands } from "./commands/syncCommands.js";
import type { Services } from "./commands/types.js";
import { type Config, requireToken } from "./config.js";
import { bindBook } from "./core/Book.js";
import type { Logger } from "./logger.js";
import { reconcileReactions } from "./reactions/reconcileReactions.js";
import { trackReactions } from "./reactions/trackReactions.js";
import { DropNotifier } from "./scheduler/DropNotifier.js";
import { DropPoster } from "./scheduler/DropPoster.js";
import { DropScheduler } from "./scheduler/DropScheduler.js";
import { channelInGuild, channelProblem, warnInSystemChannel } from "./scheduler/guildChannels.js";
import { Store } from "./store/Store.js";
import { loadStory } from "./story/loadStory.js";

export interface App {
  readonly client: Client<true>;
  readonly store: Store;
  /** Disconnects from Discord and closes the database; safe to call twice. */
  stop(): Promise<void>;
}

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
 * Wires the bot together: story, database, Discord client, commands. Refuses to start (throws
 * with a message naming the problem) on a bad story folder, database or token.
 */
export async function startApp(config: Config, baseLog: Logger): Promise<App> {
  const token = requireToken(config);
  const book = bindBook(await loadStory(config.storyDir));
  const store = new Store(config.databasePath);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
    partials: [Partials.Message, Partials.Reaction, Partials.User],
    rest: config.discordApiUrl === undefined ? {} : { api: config.discordApiUrl },
    makeCache: clientCaches,
  });
  const log = client.shard === null ? baseLog : baseLog.child({ shards: client.shard.ids });
  const clock = () => new Date();
  const poster = new DropPoster({ rest: client.rest, store, book, log, clock });
  const notifier = new DropNotifier({ rest: client.rest, store, book, log, clock });
  const scheduler = new DropScheduler({
    store,
    book,
    poster,
    notifier,
    log,
    clock,
    defaults: {
      channelId: config.readingChannelId,
      schedule: config.dropSchedule,
      timezone: config.dropTimezone,
    },
    guildIds: () => client.guilds.cache.keys(),
    channelInGuild: (channelId, guildId) => channelInGuild(client, channelId, guildId),
    channelProblem: (guildId, channelId) => channelProblem(client, guildId, channelId),
    warnAuthors: (guildId, message) => warnInSystemChannel(client, log, guildId, message),
  });
  const services: Services = {
    book,
    store,
    authorIds: config.authorIds,
    log,
    drops: scheduler,
  };
  const dispatch = createDispatcher({
    services,
    commands: chatCommands,
    buttons: buttonHandlers,
    clock,
  });
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  trackReactions(client, store, log, clock);
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ source: "discord.js" }, message));

  let stopped = false;
  /** Reactions added or removed while the bot was down, caught up in the background after start. */
  const reconcileAll = async () => {
    const options = {
      rest: client.rest,
      store,
      log,
      clock,
      botUserId: client.user?.id ?? "",
      storyId: book.story.meta.id,
      stopped: () => stopped,
    };
    for (const guildId of client.guilds.cache.keys()) await reconcileReactions(guildId, options);
    if (!stopped) log.info({ guilds: client.guilds.cache.size }, "reactions reconciled");
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await scheduler.stop();
    await client.destroy();
    store.close();
    log.info({}, "stopped");
  };

  try {
    const ready = once(client, Events.ClientReady);
    await client.login(token);
    await ready;
    if (!client.isReady()) throw new Error("The Discord client reported ready without a user.");
    await syncCommands(
      { rest: client.rest, applicationId: client.application.id, guildId: config.discordGuildId },
      chatCommands.values(),
      log,
    );
    await scheduler.start();
    void reconcileAll();
    log.info(
      { user: client.user.tag, guilds: client.guilds.cache.size, parts: book.parts.length },
      "ready",
    );
    return { client, store, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
