import { afterEach, describe, expect, it } from "vitest";
import { buttonOn, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const run = (userId: string, name: string, options: Record<string, string | boolean> = {}) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name, options });
const dms = (userId: string) =>
  h.discord.messages(h.discord.dmChannel(userId)).map((message) => message.content);

describe("drop notices, ping role and threads", () => {
  it("DMs the members who asked, in words that fit where each one is, and stops when asked", async () => {
    h = await startHarness();
    const newcomer = h.reader;
    const caughtUp = h.discord.addMember(h.guild.id, { username: "caught-up" });
    const behind = h.discord.addMember(h.guild.id, { username: "behind" });
    const silent = h.discord.addMember(h.guild.id, { username: "silent" });
    for (const member of [newcomer, caughtUp, behind]) {
      expect(messageOf(await run(member.id, "notify", { dm: "on" })).content).toMatch(
        /^I'll DM you when a new part is out/,
      );
    }
    const start = await run(caughtUp.id, "next");
    await h.discord.clickButton({
      userId: caughtUp.id,
      message: messageOf(start),
      customId: buttonOn(messageOf(start), "Next part"),
    });
    await run(behind.id, "next");

    expect(messageOf(await run(h.author.id, "serial drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    expect(dms(newcomer.id)).toEqual([
      "**Part 1 · New York** of *After Moscow* is out. Start from the beginning with /read in the server.",
    ]);
    expect(dms(caughtUp.id)).toEqual([
      "**Part 1 · New York** of *After Moscow* is out. You're caught up, so /next in the server takes you straight into it.",
    ]);
    expect(dms(behind.id)).toEqual([
      "**Part 1 · New York** of *After Moscow* is out. You're on Author's note, page 1 of 1: /read in the server picks up where you left off.",
    ]);
    expect(h.discord.messages(h.discord.dmChannel(silent.id))).toEqual([]);

    await run(newcomer.id, "notify", { dm: "off" });
    await run(h.author.id, "serial drop-now");
    expect(dms(newcomer.id)).toHaveLength(1);
    expect(dms(caughtUp.id)).toHaveLength(2);
  });

  it("mentions the server's ping role on the first message and opens a discussion thread when asked", async () => {
    h = await startHarness();
    const role = h.discord.createRole(h.guild.id, { name: "Readers", permissions: 0n });
    expect(messageOf(await run(h.author.id, "serial ping-role", { role })).content).toBe(
      `New parts will mention <@&${role}>. Make the role mentionable, or give me Mention All Roles, so the mention pings.`,
    );
    expect(messageOf(await run(h.author.id, "serial threads", { on: true })).content).toMatch(
      /discussion thread/,
    );
    expect(messageOf(await run(h.reader.id, "notify", { dm: "on" })).content).toContain(
      `<@&${role}>`,
    );
    await run(h.author.id, "serial drop-now");
    const [first, last] = h.discord.posts(h.reading.id);
    expect(first?.content).toBe(`<@&${role}> a new part is out!`);
    const firstPost = h.discord.requests.find(
      (r) => r.method === "POST" && r.path === `/channels/${h.reading.id}/messages`,
    );
    expect(firstPost?.body).toMatchObject({ allowed_mentions: { parse: [], roles: [role] } });
    const threadId = h.app.store.drops.get({
      guildId: h.guild.id,
      storyId: "drago",
      partId: "new-york",
    })?.threadId;
    expect(threadId).toBeDefined();
    expect(
      h.discord.requests.some(
        (r) =>
          r.method === "POST" &&
          r.path === `/channels/${h.reading.id}/messages/${last?.id}/threads` &&
          r.status < 300,
      ),
    ).toBe(true);

    await run(h.author.id, "serial ping-role");
    await run(h.author.id, "serial drop-now");
    const posts = h.discord.posts(h.reading.id);
    expect(posts[2]?.content).toBe("");
  });
});
