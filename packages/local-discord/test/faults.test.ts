import { once } from "node:events";
import { DiscordAPIError, Events } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CreatedChannel, type CreatedGuild, LocalDiscord } from "../src/index.js";
import { fetchTextChannel } from "./fetchTextChannel.js";
import { startTestBot } from "./startTestBot.js";

describe("LocalDiscord: injected faults and deleted channels", () => {
  let discord: LocalDiscord;
  let guild: CreatedGuild;
  let channel: CreatedChannel;

  beforeEach(async () => {
    discord = await LocalDiscord.start({ heartbeatIntervalMs: 1000 });
    guild = discord.createGuild({ name: "Serial" });
    channel = discord.createChannel(guild.id, { name: "reading" });
  });
  afterEach(async () => {
    await discord.close();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${discord.apiUrl}/v10${path}`, {
      ...init,
      headers: { Authorization: `Bot ${discord.token}`, "Content-Type": "application/json" },
    });
  const post = (channelId: string, content: string, init: RequestInit = {}) =>
    api(`/channels/${channelId}/messages`, {
      method: "POST",
      body: JSON.stringify({ content }),
      ...init,
    });

  it("fails the next N matching requests with a 5xx before serving them, then serves again", async () => {
    const fault = discord.injectFault({
      method: "POST",
      path: /^\/channels\/\d+\/messages$/,
      times: 2,
      fault: { status: 500 },
    });
    expect((await post(channel.id, "one")).status).toBe(500);
    expect((await post(channel.id, "two")).status).toBe(500);
    expect(discord.messages(channel.id)).toEqual([]);
    expect(fault).toMatchObject({ hits: 2, remaining: 0 });
    expect((await post(channel.id, "three")).status).toBe(200);
    expect(discord.messages(channel.id).map((message) => message.content)).toEqual(["three"]);
    expect(discord.requests.map(({ status, fault, body }) => ({ status, fault, body }))).toEqual([
      { status: 500, fault: { status: 500 }, body: { content: "one" } },
      { status: 500, fault: { status: 500 }, body: { content: "two" } },
      { status: 200, fault: undefined, body: { content: "three" } },
    ]);
  });

  it("matches by method, route id and exact path, and lasts until cleared with times: Infinity", async () => {
    const other = discord.createChannel(guild.id, { name: "other" });
    const outage = discord.injectFault({
      method: "POST",
      route: "POST /channels/:channel/messages",
      path: `/channels/${other.id}/messages`,
      times: Number.POSITIVE_INFINITY,
      fault: { status: 503 },
    });
    expect((await post(channel.id, "here")).status).toBe(200);
    expect((await api(`/channels/${other.id}`)).status).toBe(200);
    for (const content of ["a", "b", "c"]) expect((await post(other.id, content)).status).toBe(503);
    expect(outage).toMatchObject({ hits: 3, remaining: Number.POSITIVE_INFINITY });
    outage.clear();
    expect((await post(other.id, "d")).status).toBe(200);
    expect(outage.hits).toBe(3);
    expect(discord.messages(other.id).map((message) => message.content)).toEqual(["d"]);
  });

  it("answers an injected 429 like Discord (route or global), without counting it as a violation", async () => {
    discord.injectFault({
      route: "POST /channels/:channel/messages",
      fault: { status: 429, retryAfterMs: 300 },
    });
    const limited = await post(channel.id, "x");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("0.300");
    expect(limited.headers.get("x-ratelimit-scope")).toBe("user");
    expect(limited.headers.has("x-ratelimit-global")).toBe(false);
    expect(await limited.json()).toEqual({
      message: "You are being rate limited.",
      retry_after: 0.3,
      global: false,
    });

    discord.injectFault({ fault: { status: 429, retryAfterMs: 1500, global: true } });
    const global = await api("/users/@me");
    expect(global.status).toBe(429);
    expect(global.headers.get("x-ratelimit-global")).toBe("true");
    expect(global.headers.get("x-ratelimit-scope")).toBe("global");
    expect(await global.json()).toMatchObject({ retry_after: 1.5, global: true, code: 0 });
    expect(discord.messages(channel.id)).toEqual([]);
    expect(discord.rateLimitViolations).toEqual([]);
  });

  it("never answers a hung request, creates nothing, and still closes", async () => {
    discord.injectFault({ method: "POST", fault: { hang: true }, times: 2 });
    await expect(post(channel.id, "lost", { signal: AbortSignal.timeout(200) })).rejects.toThrow(
      /aborted/,
    );
    const open = post(channel.id, "open");
    const settled = open.then(
      () => "answered",
      () => "failed",
    );
    await discord.waitFor(() => discord.requests.length === 2, {
      description: "the second hung request to be recorded",
    });
    expect(discord.requests.map(({ status, fault }) => ({ status, fault }))).toEqual([
      { status: 0, fault: { hang: true } },
      { status: 0, fault: { hang: true } },
    ]);
    expect(discord.messages(channel.id)).toEqual([]);
    await discord.close();
    expect(await settled).toBe("failed");
  });

  it("refuses a bad injection", () => {
    expect(() => discord.injectFault({ times: 0, fault: { status: 500 } })).toThrow(/times/);
    expect(() => discord.injectFault({ fault: { status: 429, retryAfterMs: -1 } })).toThrow(
      /retryAfterMs/,
    );
  });

  it("deletes a channel: CHANNEL_DELETE to the bot, then 10003 on posting there", async () => {
    const bot = await startTestBot(discord);
    try {
      const textChannel = await fetchTextChannel(bot.client, channel.id);
      await textChannel.send("before");
      const deleted = once(bot.client, Events.ChannelDelete);
      discord.deleteChannel(channel.id);
      const [gone] = await deleted;
      expect(gone).toMatchObject({ id: channel.id });
      expect(bot.client.channels.cache.has(channel.id)).toBe(false);
      const refused = await textChannel.send("after").catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DiscordAPIError);
      expect(refused).toMatchObject({ code: 10003, status: 404 });
      expect(() => discord.messages(channel.id)).toThrow();
      expect(() => discord.deleteChannel(guild.systemChannelId)).toThrow(/system channel/);
      expect(discord.unhandledRequests).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
