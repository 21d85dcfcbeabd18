import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { eventually } from "../helpers/eventually.js";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";
import { expectVerbatimPages } from "../helpers/verbatim.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const serial = (subcommand: string, options: Record<string, string> = {}, userId = h.author.id) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name: `serial ${subcommand}`, options });
const allPosted = () =>
  ["new-york", "moscow"].every(
    (partId) =>
      h.app.store.drops.get({ guildId: h.guild.id, storyId: "drago", partId })?.state === "posted",
  );

describe("chapter drops", () => {
  it("posts every scene once and in order on a two-second schedule, then makes it readable, and a restart posts nothing new", async () => {
    h = await startHarness({ DROP_SCHEDULE: "*/2 * * * * *" });
    await eventually(allPosted, "both scenes to be dropped", 15_000);
    const [story] = (await loadLibrary("story")).stories;
    const scenes = story.parts.filter((part) => part.kind === "scene");
    const messages = h.discord.posts(h.reading.id);
    expect(messages).toHaveLength(4);
    expectVerbatimPages(
      messages.map((message) => message.embeds[0]?.description ?? ""),
      scenes.map((scene) => scene.text),
    );
    expect(messages[0]?.embeds[0]?.title).toBe("New: Part 1 · New York");
    expect(messages[0]?.embeds[0]?.footer?.text).toMatch(
      /^December 26th 1985 · New York City · about \d+ min read · 1\/2$/,
    );
    expect(messages[2]?.embeds[0]?.title).toBe("New: Part 2 · Moscow");
    for (const last of [messages[1], messages[3]]) {
      expect(last?.content).toMatch(/\/read/);
      expect(last?.reactions?.map((reaction) => reaction.emoji.name)).toEqual([
        "❤️",
        "😢",
        "😮",
        "😂",
        "🔥",
      ]);
      expect(last?.reactions?.every((reaction) => reaction.me)).toBe(true);
    }
    const opened = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
      options: { part: "moscow" },
    });
    expect(embedOf(opened).title).toBe("Part 2 · Moscow");

    await h.restart();
    const status = await serial("status");
    expect(embedOf(status).fields?.find((field) => field.name === "Next drop")?.value).toBe(
      "Every part is out.",
    );
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Nothing was dropped: every part is already out/,
    );
    expect(h.discord.posts(h.reading.id)).toHaveLength(4);
  });

  it("makes up one drop at start for drop times missed while it was down, and no more", async () => {
    h = await startHarness({ DROP_SCHEDULE: "0 0 1 1 *" });
    await h.app.stop();
    const store = new Store(h.config.databasePath);
    store.settings.update(
      h.guild.id,
      "drago",
      { nextDropAt: new Date(Date.now() - 3 * 24 * 3600 * 1000) },
      new Date(),
    );
    store.close();
    await h.restart();
    const drop = h.app.store.drops.get({
      guildId: h.guild.id,
      storyId: "drago",
      partId: "new-york",
    });
    expect(drop).toMatchObject({ state: "posted", reason: "catch-up" });
    expect(
      h.app.store.drops.get({ guildId: h.guild.id, storyId: "drago", partId: "moscow" }),
    ).toBeUndefined();
    expect(h.discord.posts(h.reading.id)).toHaveLength(2);
    await h.restart();
    expect(h.discord.posts(h.reading.id)).toHaveLength(2);
  });

  it("keeps a drop it cannot post, tells the authors (naming the part only to them), and finishes it once the channel is fixed", async () => {
    h = await startHarness();
    h.discord.denyBot(h.reading.id, ["SendMessages"]);
    const failed = await serial("drop-now");
    expect(messageOf(failed).content).toMatch(
      /Part 1 · New York\*\* is not out yet: the bot lacks permission.*kept \(0 of 2 messages posted\)/,
    );
    const warning = h.discord.posts(h.guild.systemChannelId).at(-1);
    expect(warning?.content).toMatch(
      /^⚠️ I could not post the next part to <#\d+>: the bot lacks permission.*fix the problem, then post it with \/serial drop-now/,
    );
    expect(warning?.content).not.toMatch(/New York/);
    for (const authorId of [h.author.id, h.guild.ownerId]) {
      expect(h.discord.messages(h.discord.dmChannel(authorId)).map((m) => m.content)).toEqual([
        expect.stringMatching(
          /^⚠️ I could not post Part 1 · New York to <#\d+>: the bot lacks permission.*\(in Serial Sandbox\)$/,
        ),
      ]);
    }
    const status = await serial("status");
    expect(embedOf(status).fields?.find((field) => field.name === "Last drop")?.value).toMatch(
      /not finished.*0 of 2 messages posted, 1 failed try.*lacks permission/,
    );
    const refused = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
      options: { part: "new-york" },
    });
    expect(messageOf(refused).content).toMatch(/no released part/);

    h.discord.denyBot(h.reading.id, []);
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\* in <#\d+> \(2 messages\)/,
    );
    expect(h.discord.posts(h.reading.id)).toHaveLength(2);
    expect(messageOf(await serial("drop-now")).content).toMatch(/Dropped \*\*Part 2 · Moscow\*\*/);
    expect(h.discord.posts(h.reading.id)).toHaveLength(4);
  });

  it("lets authors set the channel, the schedule (validated, next three times shown), pause and resume", async () => {
    h = await startHarness();
    const other = h.discord.createChannel(h.guild.id, { name: "chapters" });
    const locked = h.discord.createChannel(h.guild.id, {
      name: "locked",
      denyBot: ["AddReactions"],
    });
    expect(messageOf(await serial("channel", { channel: locked.id })).content).toMatch(
      /missing these permissions in <#\d+>: Add Reactions/,
    );
    expect(messageOf(await serial("channel", { channel: other.id })).content).toBe(
      `New parts will be posted in <#${other.id}>.`,
    );
    expect(messageOf(await serial("schedule", { cron: "61 * * * *" })).content).toMatch(
      /"61 \* \* \* \*" .*minute.*Fridays/,
    );
    expect(
      messageOf(await serial("schedule", { cron: "0 18 * * 5", timezone: "Mars/Olympus" })).content,
    ).toMatch(/not a time zone/);
    const scheduled = messageOf(
      await serial("schedule", { cron: "0 18 * * 5", timezone: "Europe/London" }),
    ).content;
    expect(scheduled).toMatch(
      /Drops now follow `0 18 \* \* 5` \(Europe\/London\)\. The next three:/,
    );
    expect(scheduled.match(/<t:\d+:F> \(<t:\d+:R>\)/g)).toHaveLength(3);
    expect(messageOf(await serial("pause")).content).toMatch(/paused/);
    expect(
      embedOf(await serial("status")).fields?.find((field) => field.name === "Next drop")?.value,
    ).toMatch(/^Paused/);
    expect(messageOf(await serial("resume")).content).toMatch(/The next three:/);
    const status = embedOf(await serial("status"));
    expect(status.fields?.find((field) => field.name === "Reading channel")?.value).toBe(
      `<#${other.id}>`,
    );
    expect(status.fields?.find((field) => field.name === "Next drop")?.value).toMatch(
      /^<t:\d+:F> \(<t:\d+:R>\)$/,
    );
    expect(messageOf(await serial("drop-now")).content).toMatch(/Dropped.*in <#\d+>/);
    expect(h.discord.posts(other.id)).toHaveLength(2);
    expect(messageOf(await serial("status", {}, h.reader.id)).content).toMatch(
      /Only the story's authors/,
    );
  });
});
