import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { type Harness, messageOf, serialCommand, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const cachedChannels = () => [...h.app.client.channels.cache.keys()].sort();
const guildChannels = () =>
  [...(h.app.client.guilds.cache.get(h.guild.id)?.channels.cache.keys() ?? [])].sort();
const fetchesOf = (channelId: string) =>
  h.discord.requests.filter(
    (request) => request.method === "GET" && request.path === `/channels/${channelId}`,
  ).length;
const serial = (subcommand: string, options: Record<string, string> = {}) =>
  serialCommand(h, subcommand, options);
const counts = () => h.app.store.reactions.tallies(h.guild.id, "drago", []);

describe("the channels the client keeps", () => {
  it("are the reading channels: one the authors name is fetched once and kept, also through a restart, and reactions there count", async () => {
    h = await startHarness();
    const chapters = h.discord.createChannel(h.guild.id, { name: "chapters" });
    const others = Array.from({ length: 10 }, (_, index) =>
      h.discord.createChannel(h.guild.id, { name: `chat-${index}` }),
    );
    await eventually(
      () =>
        h.discord.dispatches.filter((record) => record.event === "CHANNEL_CREATE").length >=
        others.length + 1,
      "the new channels to reach the bot",
    );
    expect(cachedChannels()).toEqual([h.reading.id]);
    expect(guildChannels()).toEqual([h.reading.id]);

    expect(messageOf(await serial("channel", { channel: chapters.id })).content).toBe(
      `New parts will be posted in <#${chapters.id}>.`,
    );
    expect(fetchesOf(chapters.id)).toBe(1);
    expect(messageOf(await serial("channel", { channel: chapters.id })).content).toBe(
      `New parts will be posted in <#${chapters.id}>.`,
    );
    expect(fetchesOf(chapters.id)).toBe(1);
    expect(cachedChannels()).toEqual([h.reading.id, chapters.id].sort());

    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    const [page1] = h.discord.posts(chapters.id);
    if (page1 === undefined) throw new Error("the drop posted nothing in #chapters");
    h.discord.react(h.reader.id, chapters.id, page1.id, "❤️");
    await eventually(() => counts().length === 1, "the ❤️ in #chapters");

    await h.restart();
    expect(cachedChannels()).toEqual([h.reading.id, chapters.id].sort());
    h.discord.react(h.reader.id, chapters.id, page1.id, "🔥");
    await eventually(() => counts().length === 2, "the 🔥 in #chapters after the restart");
    expect(fetchesOf(chapters.id)).toBe(1);
  });

  it("answers plainly for a channel the bot cannot see, and keeps nothing for it", async () => {
    h = await startHarness();
    const hidden = h.discord.createChannel(h.guild.id, {
      name: "hidden",
      denyBot: ["ViewChannel"],
    });
    expect(messageOf(await serial("channel", { channel: hidden.id })).content).toMatch(
      /^That is not a text channel of this server that I can see\./,
    );
    expect(fetchesOf(hidden.id)).toBe(1);
    expect(cachedChannels()).toEqual([h.reading.id]);
    expect(h.app.store.settings.get(h.guild.id, "drago").channelId).toBeUndefined();
  });
});
