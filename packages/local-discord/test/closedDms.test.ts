import { once } from "node:events";
import { DiscordAPIError, type Message } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CreatedGuild, type CreatedMember, LocalDiscord } from "../src/index.js";
import { startTestBot, type TestBot } from "./startTestBot.js";

describe("LocalDiscord: closed DMs", () => {
  let discord: LocalDiscord;
  let bot: TestBot;
  let guild: CreatedGuild;
  let reader: CreatedMember;

  beforeEach(async () => {
    discord = await LocalDiscord.start({ heartbeatIntervalMs: 1000 });
    guild = discord.createGuild({ name: "Serial" });
    reader = discord.addMember(guild.id, { username: "ann" });
    bot = await startTestBot(discord);
  });
  afterEach(async () => {
    await bot.stop();
    await discord.close();
  });

  it("lets the bot open the DM but answers its messages with 403 50007 until they reopen", async () => {
    discord.closeDms(reader.id);
    const user = await bot.client.users.fetch(reader.id);
    const dm = await user.createDM();
    expect(dm.id).toBe(discord.dmChannel(reader.id));
    expect(
      discord.requests.find((request) => request.route === "POST /users/@me/channels")?.status,
    ).toBe(200);

    const refused = await dm.send("Chapter 2 is out").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect(refused).toMatchObject({
      status: 403,
      code: 50007,
      message: "Cannot send messages to this user",
    });
    expect(discord.requests.at(-1)).toMatchObject({
      route: "POST /channels/:channel/messages",
      status: 403,
    });
    expect(discord.requests.at(-1)?.response).toStrictEqual({
      message: "Cannot send messages to this user",
      code: 50007,
    });
    expect(discord.messages(dm.id)).toEqual([]);

    const other = discord.addMember(guild.id, { username: "bo" });
    const otherUser = await bot.client.users.fetch(other.id);
    await expect(otherUser.send("Chapter 2 is out")).resolves.toBeDefined();

    discord.openDms(reader.id);
    await user.send("Chapter 2 is out");
    expect(discord.messages(dm.id).map((message) => message.content)).toEqual(["Chapter 2 is out"]);
    expect(discord.unhandledRequests).toEqual([]);
    expect(discord.rateLimitViolations).toEqual([]);
  });

  it("still delivers what the user writes to the bot while their DMs are closed", async () => {
    const dm = await (await bot.client.users.fetch(reader.id)).createDM();
    discord.closeDms(reader.id);
    const received = once(bot.client, "messageCreate");
    discord.sendMessage({
      userId: reader.id,
      channelId: discord.dmChannel(reader.id),
      content: "Where is chapter 2?",
    });
    const [incoming]: Message[] = await received;
    expect(incoming?.content).toBe("Where is chapter 2?");
    expect(incoming?.channelId).toBe(dm.id);
    expect(() => discord.closeDms("123456789012345678")).toThrow("Unknown User");
    expect(discord.unhandledRequests).toEqual([]);
  });
});
