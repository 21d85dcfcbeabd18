import { once } from "node:events";
import { GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes, type Message } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type CreatedGuild, type CreatedMember, LocalDiscord } from "../src/index.js";
import { startTestBot, type TestBot } from "./startTestBot.js";

describe("LocalDiscord: gateway", () => {
  let discord: LocalDiscord;
  let bots: TestBot[];
  let guild: CreatedGuild;
  let reader: CreatedMember;

  beforeEach(async () => {
    discord = await LocalDiscord.start({ rateLimits: false, heartbeatIntervalMs: 1000 });
    guild = discord.createGuild({ name: "Serial", shard: [0, 2] });
    reader = discord.addMember(guild.id, { username: "ann" });
    bots = [];
  });
  afterEach(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await discord.close();
  });

  async function start(options?: Parameters<typeof startTestBot>[1]): Promise<TestBot> {
    const bot = await startTestBot(discord, options);
    bots.push(bot);
    return bot;
  }

  function nextMessage(bot: TestBot): Promise<Message> {
    return once(bot.client, "messageCreate").then(([message]: Message[]) => {
      if (message === undefined) {
        throw new Error("no message");
      }
      return message;
    });
  }

  it("resumes after op 7 and replays what was dispatched meanwhile", async () => {
    const bot = await start();
    const resumed = once(bot.client, "shardResume");
    discord.requestReconnect();
    await discord.waitFor(() => discord.sessions.every((session) => !session.connected), {
      description: "the client to hang up",
    });
    const received = nextMessage(bot);
    const missed = discord.sendMessage({
      userId: reader.id,
      channelId: guild.systemChannelId,
      content: "while away",
    });
    await resumed;
    expect((await received).id).toBe(missed.id);
    expect(discord.sessions).toMatchObject([{ resumes: 1, connected: true }]);
  });

  it("resumes after the connection drops", async () => {
    const bot = await start();
    discord.disconnectAll();
    await discord.waitFor(
      () => discord.sessions[0]?.resumes === 1 && discord.sessions[0].connected,
      {
        description: "a resumed session",
      },
    );
    const received = nextMessage(bot);
    discord.sendMessage({ userId: reader.id, channelId: guild.systemChannelId, content: "back" });
    expect((await received).content).toBe("back");
  });

  it("holds a reconnecting client without HELLO until released, then it resumes", async () => {
    const bot = await start();
    const hold = discord.holdGateway();
    const reconnecting = once(bot.client, "shardReconnecting");
    discord.disconnectAll();
    await reconnecting;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(discord.sessions).toMatchObject([{ resumes: 0, connected: false }]);
    const resumed = once(bot.client, "shardResume");
    hold.release();
    await resumed;
    expect(discord.sessions).toMatchObject([{ resumes: 1, connected: true }]);
  });

  it("gives each shard only its guilds", async () => {
    const other = discord.createGuild({ name: "Other", shard: [1, 2] });
    const bot = await start({ shards: [0, 1], shardCount: 2 });
    expect(bot.client.guilds.cache.get(guild.id)?.shardId).toBe(0);
    expect(bot.client.guilds.cache.get(other.id)?.shardId).toBe(1);
    const sessions = discord.sessions;
    expect(sessions.map((session) => session.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const session of sessions) {
      expect(
        session.events.filter((event) => event === GatewayDispatchEvents.GuildCreate),
      ).toHaveLength(1);
    }
    discord.sendMessage({
      userId: other.ownerId,
      channelId: other.systemChannelId,
      content: "shard 1",
    });
    expect(discord.dispatches.at(-1)?.sessionIds).toEqual([sessions[1]?.id]);
  });

  it("honours intents, and strips content without MessageContent", async () => {
    const bot = await start({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    });
    const plain = nextMessage(bot);
    discord.sendMessage({
      userId: reader.id,
      channelId: guild.systemChannelId,
      content: "secret words",
    });
    expect((await plain).content).toBe("");
    const mention = nextMessage(bot);
    discord.sendMessage({
      userId: reader.id,
      channelId: guild.systemChannelId,
      content: `<@${discord.botUser.id}> hi`,
    });
    expect((await mention).content).toBe(`<@${discord.botUser.id}> hi`);
    const posted = discord.sendMessage({
      userId: reader.id,
      channelId: guild.systemChannelId,
      content: "react here",
    });
    discord.react(reader.id, guild.systemChannelId, posted.id, "👍");
    expect(discord.dispatches.at(-1)).toMatchObject({
      event: GatewayDispatchEvents.MessageReactionAdd,
      sessionIds: [],
    });
  });

  it("dispatches guilds created after connecting", async () => {
    const bot = await start();
    const created = once(bot.client, "guildCreate");
    const late = discord.createGuild({ name: "Late" });
    await created;
    expect(
      bot.client.guilds.cache.get(late.id)?.channels.cache.get(late.systemChannelId)?.name,
    ).toBe("general");
  });

  it("speaks the protocol to raw clients: bad token, bad resume", async () => {
    const socket = new WebSocket(discord.gatewayUrl);
    const nextFrame = async () => {
      const [data] = await once(socket, "message");
      return JSON.parse(String(data));
    };
    expect(await nextFrame()).toEqual({
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: 1000 },
    });
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Resume,
        d: { token: discord.token, session_id: "nope", seq: 0 },
      }),
    );
    expect(await nextFrame()).toEqual({ op: GatewayOpcodes.InvalidSession, d: false });
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Identify,
        d: { token: "wrong", intents: 0, properties: {} },
      }),
    );
    const [code] = await once(socket, "close");
    expect(code).toBe(4004);
  });
});
