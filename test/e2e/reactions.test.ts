import type { StoredMessage } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { embedOf, type Harness, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const counts = () => h.app.store.reactions.tallies(h.guild.id, "drago", []);

/** Starts the bot and has the author drop Part 1; its two page messages. */
async function startWithPartOneDropped(): Promise<[StoredMessage, StoredMessage]> {
  h = await startHarness();
  await h.discord.runCommand({
    channelId: h.reading.id,
    userId: h.author.id,
    name: "serial drop-now",
  });
  const [page1, page2] = h.discord.posts(h.reading.id);
  if (page1 === undefined || page2 === undefined) throw new Error("the drop posted no pages");
  return [page1, page2];
}

describe("reactions on drops", () => {
  it("keeps each member's reactions per part, added and removed, also on messages from before a restart", async () => {
    const [page1, page2] = await startWithPartOneDropped();
    const second = h.discord.addMember(h.guild.id, { username: "second" });
    const third = h.discord.addMember(h.guild.id, { username: "third" });
    const chat = h.discord.sendMessage({
      userId: third.id,
      channelId: h.reading.id,
      content: "loved it",
    });

    h.discord.react(h.reader.id, h.reading.id, page1.id, "❤️");
    h.discord.react(h.reader.id, h.reading.id, page2.id, "❤️");
    h.discord.react(second.id, h.reading.id, page2.id, "❤️");
    h.discord.react(third.id, h.reading.id, chat.id, "😂");
    await eventually(
      () => counts().length === 1 && counts()[0]?.readers === 2,
      "two members' ❤️ on Part 1",
    );
    expect(counts()).toEqual([{ partId: "new-york", emoji: "❤️", readers: 2 }]);

    await h.restart();
    h.discord.react(third.id, h.reading.id, page1.id, "😢");
    await eventually(() => counts().length === 2, "the 😢 on a message from before the restart");
    h.discord.unreact(h.reader.id, h.reading.id, page1.id, "❤️");
    h.discord.unreact(second.id, h.reading.id, page2.id, "❤️");
    await eventually(
      () => counts().find((row) => row.emoji === "❤️")?.readers === 1,
      "the removed ❤️",
    );
    expect(counts()).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
      { partId: "new-york", emoji: "😢", readers: 1 },
    ]);
    const status = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.author.id,
      name: "serial status",
    });
    expect(
      embedOf(status).fields?.find((field) => field.name === "Reactions (authors not counted)")
        ?.value,
    ).toBe("Part 1 · New York: ❤️ 1 · 😢 1");
  });

  it("forgets what a moderator clears: one emoji on a message, or all of a message's reactions", async () => {
    const [page1, page2] = await startWithPartOneDropped();
    const second = h.discord.addMember(h.guild.id, { username: "second" });
    h.discord.react(h.reader.id, h.reading.id, page1.id, "❤️");
    h.discord.react(second.id, h.reading.id, page1.id, "😢");
    h.discord.react(second.id, h.reading.id, page2.id, "❤️");
    h.discord.react(h.reader.id, h.reading.id, page2.id, "😢");
    await eventually(
      () => counts().length === 2 && counts().every((row) => row.readers === 2),
      "two members' ❤️ and 😢 on Part 1",
    );

    h.discord.clearReactions(h.reading.id, page1.id, "❤️");
    await eventually(
      () => counts().find((row) => row.emoji === "❤️")?.readers === 1,
      "the ❤️ cleared from page 1",
    );
    expect(counts()).toEqual([
      { partId: "new-york", emoji: "😢", readers: 2 },
      { partId: "new-york", emoji: "❤️", readers: 1 },
    ]);

    h.discord.clearReactions(h.reading.id, page2.id);
    await eventually(() => counts().length === 1, "every reaction cleared from page 2");
    expect(counts()).toEqual([{ partId: "new-york", emoji: "😢", readers: 1 }]);
  });

  it("catches up at start with the reactions added and removed while it was down", async () => {
    const [page1, page2] = await startWithPartOneDropped();
    h.discord.react(h.reader.id, h.reading.id, page2.id, "❤️");
    await eventually(() => counts().length === 1, "the live ❤️");

    await h.app.stop();
    const second = h.discord.addMember(h.guild.id, { username: "second" });
    const third = h.discord.addMember(h.guild.id, { username: "third" });
    h.discord.unreact(h.reader.id, h.reading.id, page2.id, "❤️");
    h.discord.react(second.id, h.reading.id, page1.id, "❤️");
    h.discord.react(second.id, h.reading.id, page2.id, "❤️");
    h.discord.react(third.id, h.reading.id, page2.id, "😢");
    await h.restart();

    await eventually(
      () => counts().length === 2 && counts().every((row) => row.readers === 1),
      "the reactions from while it was down",
    );
    expect(counts()).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
      { partId: "new-york", emoji: "😢", readers: 1 },
    ]);
  });
});
