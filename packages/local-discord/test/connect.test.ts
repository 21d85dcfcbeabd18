import { Routes } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDiscord } from "../src/LocalDiscord.js";
import { startTestBot, TEST_COMMANDS, type TestBot } from "./startTestBot.js";

describe("LocalDiscord: connecting discord.js", () => {
  let discord: LocalDiscord;
  let bot: TestBot | undefined;

  beforeEach(async () => {
    discord = await LocalDiscord.start({ rateLimits: false, heartbeatIntervalMs: 1000 });
  });
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await discord.close();
  });

  it("logs in and is ready with its guilds cached (not after discord.js's 15 s wait for missing guilds)", async () => {
    const guild = discord.createGuild({ name: "Serial" });
    const reading = discord.createChannel(guild.id, { name: "reading" });
    bot = await startTestBot(discord);
    expect(bot.client.guilds.cache.every((cachedGuild) => cachedGuild.available)).toBe(true);
    const cached = bot.client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe("Serial");
    expect(cached?.channels.cache.get(reading.id)?.name).toBe("reading");
    expect(cached?.members.me?.id).toBe(discord.botUser.id);
    expect(bot.client.user.id).toBe(discord.botUser.id);
    expect(discord.unhandledRequests).toEqual([]);
  });

  it("registers guild and global commands", async () => {
    const guild = discord.createGuild({ name: "Serial" });
    bot = await startTestBot(discord);
    await bot.client.application.commands.set(TEST_COMMANDS, guild.id);
    await bot.client.application.commands.set([TEST_COMMANDS[0] ?? { name: "", description: "" }]);
    expect(discord.commands(guild.id).map((command) => command.name)).toEqual(["story"]);
    expect(discord.commands().map((command) => command.name)).toEqual(["story"]);
    const fetched = await bot.client.application.commands.fetch({ guildId: guild.id });
    expect([...fetched.values()].map((command) => command.name)).toEqual(["story"]);
    expect(discord.unhandledRequests).toEqual([]);
  });

  it("answers 404 to an unknown route and records it", async () => {
    bot = await startTestBot(discord);
    await expect(bot.client.rest.get(Routes.voiceRegions())).rejects.toMatchObject({ status: 404 });
    expect(discord.unhandledRequests).toEqual([{ method: "GET", path: "/voice/regions" }]);
  });

  it("refuses requests without the bot token", async () => {
    const response = await fetch(`${discord.apiUrl}/v10/users/@me`);
    expect(response.status).toBe(401);
  });
});
