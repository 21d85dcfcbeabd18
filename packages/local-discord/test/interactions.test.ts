import {
  ButtonStyle,
  ComponentType,
  GatewayDispatchEvents,
  InteractionResponseType,
  MessageFlags,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CreatedChannel, type CreatedMember, LocalDiscord } from "../src/index.js";
import { startTestBot, TEST_COMMANDS, type TestBot } from "./startTestBot.js";

describe("LocalDiscord: interactions", () => {
  let discord: LocalDiscord;
  let bot: TestBot;
  let channel: CreatedChannel;
  let reader: CreatedMember;

  beforeEach(async () => {
    discord = await LocalDiscord.start({
      rateLimits: false,
      interactionTimeoutMs: 300,
      heartbeatIntervalMs: 1000,
    });
    const guild = discord.createGuild({ name: "Serial" });
    channel = discord.createChannel(guild.id, { name: "reading" });
    reader = discord.addMember(guild.id, { username: "ann" });
    bot = await startTestBot(discord, { lateMs: 450 });
    await bot.client.application.commands.set(TEST_COMMANDS, guild.id);
  });
  afterEach(async () => {
    await bot.stop();
    await discord.close();
  });

  const run = (subcommand: string, options?: Record<string, number | string>) =>
    discord.runCommand({
      channelId: channel.id,
      userId: reader.id,
      name: "story",
      subcommand,
      ...(options === undefined ? {} : { options }),
    });

  it("delivers a slash command with its options and returns the reply", async () => {
    const outcome = await discord.runCommand({
      channelId: channel.id,
      userId: reader.id,
      name: "story read",
      options: { page: 2 },
    });
    expect(outcome.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    if (!("message" in outcome)) {
      throw new Error("expected a message");
    }
    expect(outcome.message.embeds[0]?.title).toBe("Page 2");
    expect(outcome.message.interaction_metadata?.user.id).toBe(reader.id);
    expect(outcome.message.components?.[0]).toMatchObject({
      type: ComponentType.ActionRow,
      components: [{ custom_id: "next:2", style: ButtonStyle.Primary }, { custom_id: "later:2" }],
    });
    expect(discord.messages(channel.id).map((message) => message.id)).toEqual([outcome.message.id]);
    expect(discord.unhandledRequests).toEqual([]);
  });

  it("refuses options the command does not have, before dispatching", async () => {
    await expect(run("read", { page: 1, chapter: 3 })).rejects.toThrow(/unknown option "chapter"/);
    await expect(run("read")).rejects.toThrow(/option "page" is required/);
    await expect(run("read", { page: "two" })).rejects.toThrow(/"page" must be an integer/);
    await expect(
      discord.runCommand({ channelId: channel.id, userId: reader.id, name: "nope" }),
    ).rejects.toThrow(/no such command/);
    const dispatched = discord.dispatches.filter(
      (record) => record.event === GatewayDispatchEvents.InteractionCreate,
    );
    expect(dispatched).toEqual([]);
  });

  it("updates the message when a button is clicked, directly or deferred", async () => {
    const first = await run("read", { page: 1 });
    if (!("message" in first)) {
      throw new Error("expected a message");
    }
    const updated = await discord.clickButton({
      userId: reader.id,
      message: first.message,
      customId: "next:1",
    });
    expect(updated.type).toBe(InteractionResponseType.UpdateMessage);
    expect("message" in updated && updated.message.id).toBe(first.message.id);
    expect("message" in updated && updated.message.embeds[0]?.title).toBe("Page 2");
    const deferred = await discord.clickButton({
      userId: reader.id,
      message: first.message.id,
      customId: "later:2",
    });
    expect(deferred.type).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect("message" in deferred && deferred.message.embeds[0]?.title).toBe("Page 3");
    await expect(
      discord.clickButton({ userId: reader.id, message: first.message.id, customId: "next:9" }),
    ).rejects.toThrow(/not on the message \(custom ids: next:3, later:3\)/);
  });

  it("resolves a deferred reply once @original is edited", async () => {
    const outcome = await run("slow");
    expect(outcome.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect("message" in outcome && outcome.message.content).toBe("Done thinking.");
    expect("message" in outcome && (outcome.message.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it("shows a modal and takes its submission", async () => {
    const shown = await run("feedback");
    expect(shown.type).toBe(InteractionResponseType.Modal);
    expect("modal" in shown && shown.modal.custom_id).toBe("feedback");
    const reply = await discord.submitModal({
      userId: reader.id,
      channelId: channel.id,
      customId: "feedback",
      fields: { text: "Loved it" },
    });
    expect("message" in reply && reply.message.content).toBe("Thanks: Loved it");
  });

  it("lets the first follow-up of a deferred reply replace the thinking message", async () => {
    const outcome = await run("more");
    expect("message" in outcome && outcome.message.content).toBe("Replaces the thinking message.");
    const followUps = await discord.waitFor(
      () =>
        discord.followUps(outcome.interactionId).length === 1 &&
        discord.followUps(outcome.interactionId),
      {
        description: "the ephemeral follow-up",
      },
    );
    expect(followUps.map((message) => [message.content, message.flags])).toEqual([
      ["Just for you.", MessageFlags.Ephemeral],
    ]);
  });

  it("delivers string select menu picks", async () => {
    const menu = await run("pick");
    if (!("message" in menu)) {
      throw new Error("expected a message");
    }
    await expect(
      discord.selectMenu({
        userId: reader.id,
        message: menu.message,
        customId: "story",
        values: ["Emma"],
      }),
    ).rejects.toThrow(/Emma not among its options/);
    const picked = await discord.selectMenu({
      userId: reader.id,
      message: menu.message,
      customId: "story",
      values: ["Dracula"],
    });
    expect("message" in picked && picked.message.content).toBe("Picked Dracula");
  });

  it("answers autocomplete with the bot's choices", async () => {
    const choices = await discord.autocomplete({
      channelId: channel.id,
      userId: reader.id,
      name: "story read",
      options: { title: "dr" },
      focused: "title",
    });
    expect(choices).toEqual([
      { name: "Dracula", value: "Dracula" },
      { name: "Dream Story", value: "Dream Story" },
    ]);
  });

  it("stores ephemeral replies without dispatching them, and refuses reactions on them", async () => {
    const outcome = await run("secret");
    if (!("message" in outcome)) {
      throw new Error("expected a message");
    }
    expect(outcome.ephemeral).toBe(true);
    expect((outcome.message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(discord.messages(channel.id)).toHaveLength(1);
    const dispatchedIds = discord.dispatches
      .filter((record) => record.event === GatewayDispatchEvents.MessageCreate)
      .map((record) => JSON.stringify(record.data));
    expect(dispatchedIds.some((data) => data.includes(outcome.message.id))).toBe(false);
    expect(() => discord.react(reader.id, channel.id, outcome.message.id, "❤️")).toThrow(
      /Unknown Message/,
    );
    await expect(
      bot.client.rest.put(
        `/channels/${channel.id}/messages/${outcome.message.id}/reactions/%E2%9D%A4%EF%B8%8F/@me`,
      ),
    ).rejects.toMatchObject({ code: 10008 });
  });

  it("refuses an acknowledgement after the time limit with 10062", async () => {
    await expect(run("late")).rejects.toThrow(/the bot to acknowledge \/story late/);
    expect(await bot.apiError()).toMatchObject({ code: 10062, status: 404 });
  });

  it("refuses a second acknowledgement with 40060", async () => {
    const outcome = await run("twice");
    expect("message" in outcome && outcome.message.content).toBe("Once.");
    expect(await bot.apiError()).toMatchObject({ code: 40060, status: 400 });
  });
});
