import { once } from "node:events";
import {
  AttachmentBuilder,
  EmbedBuilder,
  MessageFlags,
  Routes,
  type TextChannel,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CreatedChannel,
  type CreatedGuild,
  type CreatedMember,
  LocalDiscord,
} from "../src/index.js";
import { takeSpecViolations } from "./failOnSpecViolations.js";
import { fetchTextChannel } from "./fetchTextChannel.js";
import { startTestBot, TEST_COMMANDS, type TestBot } from "./startTestBot.js";

describe("LocalDiscord: messages, reactions, threads", () => {
  let discord: LocalDiscord;
  let bot: TestBot;
  let guild: CreatedGuild;
  let channel: CreatedChannel;
  let reader: CreatedMember;
  let textChannel: TextChannel;

  beforeEach(async () => {
    discord = await LocalDiscord.start({ rateLimits: false, heartbeatIntervalMs: 1000 });
    guild = discord.createGuild({ name: "Serial" });
    channel = discord.createChannel(guild.id, { name: "reading" });
    reader = discord.addMember(guild.id, { username: "ann" });
    bot = await startTestBot(discord);
    await bot.client.application.commands.set(TEST_COMMANDS, guild.id);
    textChannel = await fetchTextChannel(bot.client, channel.id);
  });
  afterEach(async () => {
    await bot.stop();
    await discord.close();
  });

  it("sends, edits, fetches and deletes messages through discord.js", async () => {
    const sent = await textChannel.send("Chapter 1");
    expect(discord.messages(channel.id).map((message) => message.content)).toEqual(["Chapter 1"]);
    await sent.edit({ content: "Chapter 1 (revised)" });
    expect(discord.message(sent.id)?.edited_timestamp).not.toBeNull();
    const listed = await textChannel.messages.fetch({ limit: 10 });
    expect([...listed.values()].map((message) => message.content)).toEqual(["Chapter 1 (revised)"]);
    await sent.delete();
    expect(discord.messages(channel.id)).toEqual([]);
    expect(discord.unhandledRequests).toEqual([]);
  });

  it("accepts files as multipart and serves them back", async () => {
    const sent = await textChannel.send({
      content: "The map",
      files: [new AttachmentBuilder(Buffer.from("treasure"), { name: "map.txt" })],
    });
    expect(sent.attachments.first()?.name).toBe("map.txt");
    expect(discord.files(sent.id)[0]?.data.toString()).toBe("treasure");
    const url = sent.attachments.first()?.url ?? "";
    expect(await (await fetch(url)).text()).toBe("treasure");
  });

  it("refuses what Discord refuses: 50035 by field, 50006 for nothing", async () => {
    await expect(textChannel.send("x".repeat(2001))).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } },
    });
    await expect(textChannel.send("é".repeat(2000))).resolves.toBeDefined();
    const huge = new EmbedBuilder().setTitle("t".repeat(256)).setDescription("d".repeat(4096));
    await expect(textChannel.send({ embeds: [huge, huge] })).rejects.toMatchObject({
      code: 50035,
      message: expect.stringContaining("MAX_EMBED_SIZE_EXCEEDED"),
    });
    // Plain objects: EmbedBuilder would refuse this before it reaches the API.
    const tooManyFields = {
      title: "Fields",
      fields: Array.from({ length: 26 }, (_, index) => ({ name: `f${index}`, value: "v" })),
    };
    await expect(textChannel.send({ embeds: [tooManyFields] })).rejects.toMatchObject({
      rawError: {
        errors: { embeds: { 0: { fields: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } },
      },
    });
    const duplicate = {
      type: 1,
      components: [
        { type: 2, style: 1, custom_id: "same", label: "A" },
        { type: 2, style: 1, custom_id: "same", label: "B" },
      ],
    };
    await expect(
      bot.client.rest.post(`/channels/${channel.id}/messages`, {
        body: { components: [duplicate] },
      }),
    ).rejects.toMatchObject({
      rawError: {
        errors: {
          components: {
            0: {
              components: {
                1: {
                  custom_id: { _errors: [{ code: "COMPONENT_CUSTOM_ID_DUPLICATED" }] },
                },
              },
            },
          },
        },
      },
    });
    const longLabel = {
      type: 1,
      components: [{ type: 2, style: 1, custom_id: "long", label: "B".repeat(81) }],
    };
    await expect(
      bot.client.rest.post(`/channels/${channel.id}/messages`, {
        body: { components: [longLabel] },
      }),
    ).rejects.toMatchObject({
      rawError: {
        errors: {
          components: {
            0: { components: { 0: { label: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } },
          },
        },
      },
    });
    await expect(
      bot.client.rest.post(`/channels/${channel.id}/messages`, { body: { content: "" } }),
    ).rejects.toMatchObject({ code: 50006 });
    // Discord's spec itself rejects the fields and the label; the local rules the rest.
    expect(takeSpecViolations().flatMap((violation) => violation.problems)).toEqual([
      "/embeds/0/fields must NOT have more than 25 items",
      "/components/0/components/0/label must NOT have more than 80 characters",
    ]);
  });

  it("reports a missing permission with 50013", async () => {
    const closed = discord.createChannel(guild.id, {
      name: "announcements",
      denyBot: ["SendMessages", "AddReactions"],
    });
    const fetched = await bot.client.channels.fetch(closed.id);
    if (fetched === null || !fetched.isSendable()) {
      throw new Error("expected a text channel");
    }
    expect(
      fetched.isDMBased() || fetched.permissionsFor(discord.botUser.id)?.has("SendMessages"),
    ).toBe(false);
    await expect(fetched.send("hello")).rejects.toMatchObject({ code: 50013, status: 403 });
    const posted = discord.sendMessage({
      userId: reader.id,
      channelId: closed.id,
      content: "first",
    });
    const message = await fetched.messages.fetch(posted.id);
    await expect(message.react("👍")).rejects.toMatchObject({ code: 50013 });
    discord.react(reader.id, closed.id, posted.id, "👍");
    await expect(message.react("👍")).resolves.toBeDefined();
  });

  it("dedupes a message sent twice with the same nonce and enforce_nonce", async () => {
    await discord.runCommand({ channelId: channel.id, userId: reader.id, name: "story post" });
    const chapters = await discord.waitFor(
      () =>
        discord.requests.filter((request) => request.route === "POST /channels/:channel/messages")
          .length === 2 && discord.messages(channel.id),
      { description: "both posts" },
    );
    expect(chapters.map((message) => message.content)).toEqual(["Posting.", "Chapter 1"]);
  });

  it("delivers member reactions on uncached messages and records the bot's", async () => {
    const delivered = once(bot.client, "messageCreate");
    const posted = discord.sendMessage({
      userId: reader.id,
      channelId: channel.id,
      content: "!react",
    });
    await delivered;
    textChannel.messages.cache.clear();
    const added = once(bot.client, "messageReactionAdd");
    discord.react(reader.id, channel.id, posted.id, "❤️");
    const [reaction, user] = await added;
    expect(reaction.partial || reaction.message.partial).toBe(true);
    expect(reaction.emoji.name).toBe("❤️");
    expect(user.id).toBe(reader.id);

    const message = await textChannel.messages.fetch(posted.id);
    await message.react("📖");
    await message.react("<:quill:112233445566778899>");
    const users = await message.reactions.resolve("❤️")?.users.fetch();
    expect([...(users?.keys() ?? [])]).toEqual([reader.id]);
    expect(
      discord
        .message(posted.id)
        ?.reactions?.map((entry) => [entry.emoji.name, entry.count, entry.me]),
    ).toEqual([
      ["❤️", 1, false],
      ["📖", 1, true],
      ["quill", 1, true],
    ]);
    const removed = once(bot.client, "messageReactionRemove");
    discord.unreact(reader.id, channel.id, posted.id, "❤️");
    await removed;
    await expect(
      bot.client.rest.put(`/channels/${channel.id}/messages/${posted.id}/reactions/heart/@me`),
    ).rejects.toMatchObject({ code: 10014 });
  });

  it("clears one emoji's reactions or all of them, for a moderator and with Manage Messages", async () => {
    const posted = discord.sendMessage({
      userId: reader.id,
      channelId: channel.id,
      content: "Ch 2",
    });
    const second = discord.addMember(guild.id, { username: "bo" });
    discord.react(reader.id, channel.id, posted.id, "❤️");
    discord.react(second.id, channel.id, posted.id, "❤️");
    discord.react(reader.id, channel.id, posted.id, "😢");
    const emojiRemoved = once(bot.client, "messageReactionRemoveEmoji");
    discord.clearReactions(channel.id, posted.id, "❤️");
    const [reaction] = await emojiRemoved;
    expect(reaction.emoji.name).toBe("❤️");
    discord.clearReactions(channel.id, posted.id, "❤️");
    expect(discord.message(posted.id)?.reactions?.map((entry) => entry.emoji.name)).toEqual(["😢"]);

    const message = await textChannel.messages.fetch(posted.id);
    const allRemoved = once(bot.client, "messageReactionRemoveAll");
    await message.reactions.removeAll();
    await allRemoved;
    await message.reactions.removeAll();
    expect(discord.message(posted.id)?.reactions).toBeUndefined();
    const target = { channel_id: channel.id, message_id: posted.id, guild_id: guild.id };
    expect(
      discord.dispatches
        .filter((entry) => entry.event.startsWith("MESSAGE_REACTION_REMOVE_"))
        .map((entry) => [entry.event, entry.data]),
    ).toEqual([
      ["MESSAGE_REACTION_REMOVE_EMOJI", { ...target, emoji: { id: null, name: "❤️" } }],
      ["MESSAGE_REACTION_REMOVE_ALL", target],
    ]);

    const closed = discord.createChannel(guild.id, { name: "quiet", denyBot: ["ManageMessages"] });
    const other = discord.sendMessage({ userId: reader.id, channelId: closed.id, content: "hi" });
    discord.react(reader.id, closed.id, other.id, "👍");
    await expect(
      bot.client.rest.delete(Routes.channelMessageAllReactions(closed.id, other.id)),
    ).rejects.toMatchObject({ code: 50013 });
    await expect(
      bot.client.rest.delete(Routes.channelMessageReaction(closed.id, other.id, "👍")),
    ).rejects.toMatchObject({ code: 50013 });
    expect(discord.message(other.id)?.reactions?.[0]?.count).toBe(1);
  });

  it("starts threads from messages and in channels", async () => {
    const message = await textChannel.send("Discuss chapter 1");
    const created = once(bot.client, "threadCreate");
    const thread = await message.startThread({ name: "Chapter 1" });
    await created;
    expect(thread.id).toBe(message.id);
    await thread.send("In the thread");
    expect(discord.messages(thread.id).map((entry) => entry.content)).toEqual(["In the thread"]);
    const other = await textChannel.threads.create({ name: "Notes" });
    expect(other.parentId).toBe(channel.id);
  });

  it("gives the bot DMs: it opens them, and members write to it", async () => {
    const user = await bot.client.users.fetch(reader.id);
    const dm = await user.send("Welcome");
    expect(discord.messages(dm.channelId).map((entry) => entry.content)).toEqual(["Welcome"]);
    const received = once(bot.client, "messageCreate");
    discord.sendMessage({
      userId: reader.id,
      channelId: discord.dmChannel(reader.id),
      content: "Thanks",
    });
    const [incoming] = await received;
    expect(incoming.content).toBe("Thanks");
    expect(incoming.channel.isDMBased()).toBe(true);
  });

  it("answers unknown channels and messages with 10003 and 10008", async () => {
    await expect(bot.client.rest.get("/channels/123456789012345678")).rejects.toMatchObject({
      code: 10003,
    });
    await expect(textChannel.messages.fetch("123456789012345678")).rejects.toMatchObject({
      code: 10008,
    });
    expect(MessageFlags.Ephemeral).toBe(64);
  });
});
