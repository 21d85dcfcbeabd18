import { once } from "node:events";
import { basename, resolve } from "node:path";
import { type Client, Events, RESTEvents, ShardClientUtil } from "discord.js";
import { createDispatcher } from "./commands/dispatcher.js";
import { buttonHandlers, chatCommands } from "./commands/registry.js";
import { syncCommands } from "./commands/syncCommands.js";
import type { Services } from "./commands/types.js";
import { type Config, requireToken } from "./config.js";
import { bindLibrary, type Library } from "./core/Library.js";
import { nodeCronSchedule } from "./cron/cronSchedule.js";
import { createClient } from "./discordClient.js";
import { guildAccess } from "./guildAccess.js";
import type { Logger } from "./logger.js";
import { startMaintenance } from "./maintenance.js";
import type { HealthServer } from "./metrics/startHealthServer.js";
import { monitorBot } from "./monitorBot.js";
import { LiveReactionChanges } from "./reactions/LiveReactionChanges.js";
import { reconcileAll } from "./reactions/reconcileReactions.js";
import { trackReactions } from "./reactions/trackReactions.js";
import { RELOAD_EVENT, reloadOtherShards } from "./reloadOtherShards.js";
import { AuthorDms } from "./scheduler/AuthorDms.js";
import { channelInGuild, channelProblem } from "./scheduler/guildChannels.js";
import { LibraryDrops } from "./scheduler/LibraryDrops.js";
import { tellAuthors } from "./scheduler/tellAuthors.js";
import { Store } from "./store/Store.js";
import { LiveLibrary } from "./story/LiveLibrary.js";
import { loadLibrary } from "./story/loadLibrary.js";
import { logStoryWarnings } from "./story/logStoryWarnings.js";
import { storyProblemsNotice } from "./story/storyProblemsNotice.js";
import { warnAboutSettings } from "./warnAboutSettings.js";

export interface App {
  readonly client: Client<true>;
  readonly store: Store;
  /** Disconnects from Discord and closes the database; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Wires the bot together: story, database, Discord client, commands, drops, upkeep. Refuses to
 * start (throws with a message naming the problem) on a bad story folder, database or token.
 */
export async function startApp(config: Config, baseLog: Logger): Promise<App> {
  const token = requireToken(config);
  const { stories, warnings } = await loadLibrary(config.storyDir);
  const library = bindLibrary(stories);
  const store = new Store(config.databasePath, {
    backgroundCheckpoints: {
      failed: (error) =>
        baseLog.error(
          { err: error },
          "the WAL checkpoint worker failed; the main thread checkpoints instead",
        ),
    },
  });
  try {
    store.settings.claimUnassigned(library.books[0].story.meta.id);
    useOrder(store, library);
  } catch (error) {
    store.close();
    throw error;
  }
  // The channels the client keeps; the authors' /serial channel adds to them.
  const keptChannels = new Set([...store.settings.channelIds(), ...store.drops.channelIds()]);
  if (config.readingChannelId !== undefined) keptChannels.add(config.readingChannelId);
  const client = createClient(config.discordApiUrl, keptChannels);
  const log = client.shard === null ? baseLog : baseLog.child({ shards: client.shard.ids });
  const monitoring = monitorBot(config, client, store, log);
  logStoryWarnings(log, config.storyDir, warnings);
  const clock = () => new Date();
  const schedules = nodeCronSchedule(log);
  warnAboutSettings(config, schedules, log, clock());
  const access = guildAccess(client, config.allowedGuildIds, log);
  const servedGuilds = () => [...client.guilds.cache.keys()].filter(access.serves);
  const dms = new AuthorDms(client, log);
  const carrying = (storyId: string) => {
    const served = servedGuilds();
    return served.filter((guildId) => !store.carried.excluded(guildId).has(storyId));
  };
  const scheduler = new LibraryDrops(
    {
      rest: client.rest,
      botUserId: () => client.user?.id ?? "",
      store,
      log,
      clock,
      schedules,
      minIntervalMs: config.minDropIntervalMs,
      defaults: {
        channelId: config.readingChannelId,
        schedule: config.dropSchedule,
        timezone: config.dropTimezone,
      },
      guildIds: carrying,
      channelInGuild: (channelId, guildId) => channelInGuild(client, channelId, guildId),
      channelProblem: (guildId, channelId) =>
        channelProblem(client, keptChannels, guildId, channelId),
      tellAuthors: tellAuthors(client, log, config.authorIds, dms),
      observer: monitoring?.metrics,
    },
    library,
  );
  // Problems name files from the story folder's own name: members never see the machine's paths.
  const storyFolder = basename(resolve(config.storyDir));
  const live = new LiveLibrary(library, {
    dir: config.storyDir,
    log,
    swap: (next) => {
      useOrder(store, next);
      scheduler
        .useLibrary(next)
        .catch((error: unknown) =>
          log.error({ err: error }, "drops after a reload of the story folder failed"),
        );
    },
    refused: (problems) => {
      // Every shard reloads on its own; the one with shard 0 tells the authors, once.
      if (client.shard !== null && !client.shard.ids.includes(0)) return;
      const words = storyProblemsNotice(storyFolder, problems);
      for (const userId of config.authorIds) void dms.send(userId, words);
    },
  });
  const services: Services = {
    library: () => live.current(),
    store,
    authorIds: config.authorIds,
    log,
    drops: (storyId) => scheduler.of(storyId),
    reload: () => {
      reloadOtherShards(client, log);
      return live.reload();
    },
    libraryProblems: () => live.problems(),
    storyDir: storyFolder,
  };
  const dispatch = createDispatcher({
    services,
    commands: chatCommands,
    buttons: buttonHandlers,
    clock,
    serves: access.serves,
    refuseStranger: (guildId) => void access.leave(guildId, "an interaction came from it"),
    observer: monitoring?.metrics,
  });
  client.on(Events.InteractionCreate, (interaction) => {
    dispatch(interaction).catch((error: unknown) =>
      log.error({ interactionId: interaction.id, err: error }, "interaction not dispatched"),
    );
  });
  const liveReactions = new LiveReactionChanges();
  trackReactions(client, store, log, clock, liveReactions);
  /** Runs a server event's work; a failure (the database, say) is logged, never fatal. */
  const guarded = (event: string, guildId: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      log.error({ guildId, event, err: error }, "could not handle a server event");
    }
  };
  client.on(Events.GuildCreate, (guild) =>
    guarded("guildCreate", guild.id, () => {
      if (!access.serves(guild.id)) {
        void access.leave(guild.id, "it added the bot");
        return;
      }
      log.info({ guildId: guild.id }, "joined a server");
      store.departures.clear(guild.id);
      scheduler.addGuild(guild.id);
    }),
  );
  client.on(Events.GuildDelete, (guild) =>
    guarded("guildDelete", guild.id, () => {
      log.info(
        { guildId: guild.id },
        access.serves(guild.id)
          ? "removed from a server; its data is kept for the retention"
          : "left a server it does not serve",
      );
      scheduler.removeGuild(guild.id);
      store.departures.record(guild.id, clock());
    }),
  );
  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ source: "discord.js" }, message));
  client.rest.on(RESTEvents.InvalidRequestWarning, ({ count, remainingTime }) => {
    monitoring?.metrics.invalidRequests(count, remainingTime);
    const fields = { count, limit: 10_000, resetsInMs: remainingTime };
    const words =
      "invalid requests to Discord (401, 403, 429) in ten minutes; at 10,000 Discord bans the bot's address for an hour";
    if (count >= 5000) log.error(fields, words);
    else log.warn(fields, words);
  });

  let stopped = false;
  let maintenance: { stop(): Promise<void> } | undefined;
  let health: HealthServer | undefined;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await health?.close();
    live.close();
    await scheduler.stop();
    await maintenance?.stop();
    await client.destroy();
    store.close();
    log.info({}, "stopped");
  };

  try {
    // Before logging in, so that /healthz says the bot is not connected yet.
    health = await monitoring?.listen();
    const ready = once(client, Events.ClientReady);
    await client.login(token);
    await ready;
    if (!client.isReady()) throw new Error("The Discord client reported ready without a user.");
    for (const guildId of client.guilds.cache.keys()) {
      if (access.serves(guildId)) store.departures.clear(guildId);
      else void access.leave(guildId, "it is not in ALLOWED_GUILD_IDS");
    }
    noteDeparturesWhileDown(client, store, log, clock());
    await syncCommands(
      { rest: client.rest, applicationId: client.application.id, guildId: config.discordGuildId },
      chatCommands.values(),
      log,
    );
    await scheduler.start();
    maintenance = startMaintenance({
      store,
      schedules,
      log,
      clock,
      // One process of a sharded bot backs up: the one with shard 0.
      backupDir:
        client.shard === null || client.shard.ids.includes(0) ? config.backupDir : undefined,
      backupKeep: config.backupKeep,
      backupSchedule: config.backupSchedule,
      retentionMs: config.retentionMs,
      isMine: (guildId) => isMine(client, guildId),
    });
    live.watch();
    client.on(RELOAD_EVENT, () => void live.reload());
    for (const book of library.books) {
      void reconcileAll(carrying(book.story.meta.id), {
        rest: client.rest,
        store,
        log,
        clock,
        botUserId: client.user.id,
        storyId: book.story.meta.id,
        stopped: () => stopped,
        live: liveReactions,
      });
    }
    log.info(
      {
        user: client.user.tag,
        guilds: client.guilds.cache.size,
        stories: library.books.length,
        parts: library.books.reduce((sum, book) => sum + book.parts.length, 0),
      },
      "ready",
    );
    return { client, store, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Tells the store each story's order of parts, for the readers funnel (see PartReadRepository). */
function useOrder(store: Store, library: Library): void {
  for (const book of library.books) {
    store.reads.useOrder(
      book.story.meta.id,
      book.parts.map(({ part }) => part.id),
    );
  }
}

/** Whether a server belongs to one of this process's shards (every server, unsharded). */
function isMine(client: Client, guildId: string): boolean {
  const shard = client.shard;
  return (
    shard === null || shard.ids.includes(ShardClientUtil.shardIdForGuildId(guildId, shard.count))
  );
}

/**
 * Servers the database knows (of this process's shards) that the bot is no longer in: it was
 * removed while it was down, so no GUILD_DELETE came. Their retention starts now.
 */
function noteDeparturesWhileDown(client: Client<true>, store: Store, log: Logger, now: Date): void {
  for (const guildId of store.departures.knownGuilds()) {
    if (client.guilds.cache.has(guildId) || !isMine(client, guildId)) continue;
    store.departures.record(guildId, now);
    log.info(
      { guildId },
      "no longer in a server it has data for; its data is kept for the retention",
    );
  }
}
