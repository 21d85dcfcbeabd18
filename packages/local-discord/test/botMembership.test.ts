import { once } from "node:events";
import {
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type Guild,
  type Message,
  Routes,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CreatedChannel,
  type CreatedGuild,
  type CreatedMember,
  LocalDiscord,
} from "../src/index.js";
import { fetchTextChannel } from "./fetchTextChannel.js";
import { startTestBot, TEST_COMMANDS, type TestBot } from "./startTestBot.js";

const MISSING_ACCESS = { message: "Missing Access", code: 50001 };

describe("LocalDiscord: the bot leaving a guild, being removed and added back", () => {
  let discord: LocalDiscord;
  let bots: TestBot[];
  let guild: CreatedGuild;
  let channel: CreatedChannel;
  let reader: CreatedMember;
  let other: CreatedGuild;

  beforeEach(async () => {
    discord = await LocalDiscord.start({ heartbeatIntervalMs: 1000 });
    guild = discord.createGuild({ name: "Serial", shard: [0, 2] });
    channel = discord.createChannel(guild.id, { name: "reading" });
    reader = discord.addMember(guild.id, { username: "ann" });
    other = discord.createGuild({ name: "Other", shard: [1, 2] });
    bots = [];
  });
  afterEach(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    expect(discord.unhandledRequests).toEqual([]);
    expect(discord.rateLimitViolations).toEqual([]);
    await discord.close();
  });

  async function start(options?: Parameters<typeof startTestBot>[1]): Promise<TestBot> {
    const bot = await startTestBot(discord, options);
    bots.push(bot);
    return bot;
  }

  /** discord.js's guildDelete, which it emits only for a GUILD_DELETE without `unavailable`. */
  function guildDeleted(bot: TestBot): Promise<Guild> {
    const signal = AbortSignal.timeout(5000);
    return once(bot.client, Events.GuildDelete, { signal }).then(([gone]: Guild[]) => {
      if (gone === undefined) {
        throw new Error("no guild");
      }
      return gone;
    });
  }

  it("leaves with guild.leave(): 204, GUILD_DELETE without `unavailable`, gone from discord.js's cache", async () => {
    const bot = await start();
    const cached = bot.client.guilds.cache.get(guild.id);
    if (cached === undefined) {
      throw new Error("the guild should be cached at login");
    }
    const outages: Guild[] = [];
    bot.client.on(Events.GuildUnavailable, (unavailable) => outages.push(unavailable));
    const deleted = guildDeleted(bot);
    await cached.leave();
    expect((await deleted).id).toBe(guild.id);
    expect(bot.client.guilds.cache.has(guild.id)).toBe(false);
    expect(bot.client.channels.cache.has(channel.id)).toBe(false);
    expect(bot.client.guilds.cache.has(other.id)).toBe(true);
    expect(outages).toEqual([]);

    expect(discord.botIsIn(guild.id)).toBe(false);
    expect(discord.botIsIn(other.id)).toBe(true);
    expect(
      discord.requests.find((request) => request.route === "DELETE /users/@me/guilds/:guild"),
    ).toMatchObject({ method: "DELETE", path: `/users/@me/guilds/${guild.id}`, status: 204 });
    const dispatch = discord.dispatches.find(
      (record) => record.event === GatewayDispatchEvents.GuildDelete,
    );
    expect(dispatch).toMatchObject({ guildId: guild.id, sessionIds: [discord.sessions[0]?.id] });
    expect(dispatch?.data).toStrictEqual({ id: guild.id });

    await expect(bot.client.rest.delete(Routes.userGuild(guild.id))).rejects.toMatchObject({
      status: 404,
      code: 10004,
    });
    expect(() => discord.botIsIn("123456789012345678")).toThrow("Unknown Guild");
  });

  it("after removeBot, nothing of the guild reaches the bot, its requests there get 50001, members cannot use it", async () => {
    const bot = await start({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMembers,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.GuildMessageReactions,
        GatewayIntentBits.MessageContent,
      ],
    });
    await bot.client.application.commands.set(TEST_COMMANDS, guild.id);
    const page = await discord.runCommand({
      channelId: channel.id,
      userId: reader.id,
      name: "story read",
      options: { page: 1 },
    });
    if (!("message" in page)) {
      throw new Error("expected a page");
    }
    const posted = discord.sendMessage({
      userId: reader.id,
      channelId: channel.id,
      content: "before",
    });

    const deleted = guildDeleted(bot);
    discord.removeBot(guild.id);
    expect((await deleted).id).toBe(guild.id);
    expect(bot.client.guilds.cache.has(guild.id)).toBe(false);
    expect(discord.dispatches.at(-1)?.data).toStrictEqual({ id: guild.id });

    const since = discord.dispatches.length;
    discord.sendMessage({ userId: reader.id, channelId: channel.id, content: "after" });
    discord.react(reader.id, channel.id, posted.id, "❤️");
    const later = discord.createChannel(guild.id, { name: "later" });
    discord.addMember(guild.id, { username: "bo" });
    discord.deleteChannel(later.id);
    const missed = discord.dispatches.slice(since);
    expect(missed.map((record) => [record.event, record.sessionIds])).toEqual([
      [GatewayDispatchEvents.MessageCreate, []],
      [GatewayDispatchEvents.MessageReactionAdd, []],
      [GatewayDispatchEvents.ChannelCreate, []],
      [GatewayDispatchEvents.GuildMemberAdd, []],
      [GatewayDispatchEvents.ChannelDelete, []],
    ]);
    // The first message the bot gets next is the other guild's: none of the above leaked.
    const received = once(bot.client, Events.MessageCreate);
    discord.sendMessage({
      userId: other.ownerId,
      channelId: other.systemChannelId,
      content: "still here",
    });
    const [next]: Message[] = await received;
    expect(next?.content).toBe("still here");

    const { rest } = bot.client;
    const before = discord.requests.length;
    const attempts = [
      () => rest.get(Routes.channel(channel.id)),
      () => rest.post(Routes.channelMessages(channel.id), { body: { content: "hello?" } }),
      () => rest.get(Routes.channelMessage(channel.id, posted.id)),
      () => rest.put(Routes.channelMessageOwnReaction(channel.id, posted.id, "📖")),
      () => rest.post(Routes.threads(channel.id), { body: { name: "Notes", type: 11 } }),
      () => rest.get(Routes.guild(guild.id)),
      () => rest.get(Routes.guildChannels(guild.id)),
      () => rest.get(Routes.guildMember(guild.id, reader.id)),
      () => rest.get(Routes.guildRoles(guild.id)),
      () =>
        rest.put(Routes.applicationGuildCommands(discord.application.id, guild.id), { body: [] }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ status: 403, ...MISSING_ACCESS });
    }
    const refused = discord.requests.slice(before);
    expect(refused).toHaveLength(attempts.length);
    for (const request of refused) {
      expect(request.status).toBe(403);
      expect(request.response).toStrictEqual(MISSING_ACCESS);
    }
    expect(discord.messages(channel.id).map((message) => message.content)).toEqual([
      "",
      "before",
      "after",
    ]);

    await expect(
      discord.runCommand({
        channelId: channel.id,
        userId: reader.id,
        name: "story read",
        options: { page: 2 },
      }),
    ).rejects.toThrow(`/story read: the bot is not in server ${guild.id}`);
    await expect(
      discord.clickButton({ userId: reader.id, message: page.message, customId: "next:1" }),
    ).rejects.toThrow(`button "next:1": the bot is not in server ${guild.id}`);
    expect(() =>
      discord.dispatchCommand({ channelId: channel.id, userId: reader.id, name: "story slow" }),
    ).toThrow("the bot is not in server");
    expect(() => discord.removeBot(guild.id)).toThrow(
      `removeBot: the bot is not in server ${guild.id}`,
    );
  });

  it("leaves a guild it was removed from out of READY at a later login", async () => {
    const first = await start();
    const deleted = guildDeleted(first);
    discord.removeBot(guild.id);
    await deleted;
    await first.stop();

    const second = await start();
    expect([...second.client.guilds.cache.keys()]).toEqual([other.id]);
    const session = discord.sessions.at(-1);
    expect(
      session?.events.filter((event) => event === GatewayDispatchEvents.GuildCreate),
    ).toHaveLength(1);
  });

  it("addBot: GUILD_CREATE to the session of the guild's shard, and the bot works there again", async () => {
    const bot = await start({ shards: [0, 1], shardCount: 2 });
    await bot.client.application.commands.set(TEST_COMMANDS, other.id);
    const [, shardOne] = discord.sessions;
    const deleted = guildDeleted(bot);
    discord.removeBot(other.id);
    await deleted;
    expect(discord.dispatches.at(-1)).toMatchObject({
      event: GatewayDispatchEvents.GuildDelete,
      sessionIds: [shardOne?.id],
    });

    const created = once(bot.client, Events.GuildCreate);
    discord.addBot(other.id);
    const [back]: Guild[] = await created;
    expect(back?.id).toBe(other.id);
    expect(back?.shardId).toBe(1);
    expect(back?.members.me?.roles.cache.has(other.botRoleId)).toBe(true);
    expect(discord.dispatches.at(-1)).toMatchObject({
      event: GatewayDispatchEvents.GuildCreate,
      sessionIds: [shardOne?.id],
    });
    expect(discord.botIsIn(other.id)).toBe(true);
    expect(() => discord.addBot(other.id)).toThrow(
      `addBot: the bot is already in server ${other.id}`,
    );

    const reply = await discord.runCommand({
      channelId: other.systemChannelId,
      userId: other.ownerId,
      name: "story read",
      options: { page: 3 },
    });
    expect("message" in reply && reply.message.embeds[0]?.title).toBe("Page 3");
    const received = once(bot.client, Events.MessageCreate);
    discord.sendMessage({ userId: other.ownerId, channelId: other.systemChannelId, content: "hi" });
    const [incoming]: Message[] = await received;
    expect(incoming?.guildId).toBe(other.id);
    const general = await fetchTextChannel(bot.client, other.systemChannelId);
    await general.send("Back again");
    expect(discord.posts(other.systemChannelId).at(-1)?.content).toBe("Back again");
  });
});
