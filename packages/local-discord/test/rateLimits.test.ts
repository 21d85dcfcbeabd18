import { afterEach, describe, expect, it } from "vitest";
import { LocalDiscord } from "../src/LocalDiscord.js";
import type { LocalDiscordOptions } from "../src/LocalDiscordOptions.js";
import { fetchTextChannel } from "./fetchTextChannel.js";
import { startTestBot, type TestBot } from "./startTestBot.js";

describe("LocalDiscord: rate limits", () => {
  let discord: LocalDiscord;
  let bot: TestBot | undefined;

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await discord.close();
  });

  async function setUp(options: LocalDiscordOptions) {
    discord = await LocalDiscord.start({ heartbeatIntervalMs: 1000, ...options });
    const guild = discord.createGuild({ name: "Serial" });
    bot = await startTestBot(discord);
    return { guild, channel: await fetchTextChannel(bot.client, guild.systemChannelId) };
  }

  it("lets discord.js pace a burst by the headers, with no 429", async () => {
    const { guild, channel } = await setUp({
      rateLimits: {
        routes: {
          "POST /channels/:channel/messages": { limit: 3, windowMs: 150 },
          "PUT /channels/:channel/messages/:message/reactions/:emoji/@me": {
            limit: 1,
            windowMs: 100,
          },
        },
      },
    });
    await Promise.all(Array.from({ length: 8 }, (_, index) => channel.send(`Part ${index + 1}`)));
    expect(discord.messages(guild.systemChannelId)).toHaveLength(8);
    const message = await channel.messages.fetch(
      discord.messages(guild.systemChannelId)[0]?.id ?? "",
    );
    await Promise.all(["📖", "❤️", "🔥"].map((emoji) => message.react(emoji)));
    expect(discord.rateLimitViolations).toEqual([]);
    const limited = discord.requests.find(
      (request) => request.route === "POST /channels/:channel/messages",
    );
    expect(limited?.status).toBe(200);
  });

  it("answers 429 to a client that ignores the headers, and records it", async () => {
    const { guild } = await setUp({});
    const send = () =>
      fetch(`${discord.apiUrl}/v10/channels/${guild.systemChannelId}/messages`, {
        method: "POST",
        headers: { Authorization: `Bot ${discord.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ content: "spam" }),
      });
    const responses = await Promise.all(Array.from({ length: 6 }, send));
    const first = responses[0];
    expect(first?.headers.get("x-ratelimit-limit")).toBe("5");
    expect(first?.headers.get("x-ratelimit-bucket")).toMatch(/^[0-9a-f]{32}$/);
    const limited = responses.filter((response) => response.status === 429);
    expect(limited).toHaveLength(1);
    expect(Number(limited[0]?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited[0]?.json()).toMatchObject({
      global: false,
      retry_after: expect.any(Number),
    });
    expect(discord.rateLimitViolations).toMatchObject([
      { method: "POST", route: "POST /channels/:channel/messages", global: false },
    ]);
  });

  it("has a global limit across routes", async () => {
    discord = await LocalDiscord.start({ rateLimits: { global: { limit: 3, windowMs: 1000 } } });
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`${discord.apiUrl}/v10/users/@me`, {
          headers: { Authorization: `Bot ${discord.token}` },
        }),
      ),
    );
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.map((response) => response.headers.get("x-ratelimit-global"))).toEqual(["true"]);
    expect(discord.rateLimitViolations.at(-1)?.global).toBe(true);
  });
});
