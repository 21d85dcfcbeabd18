import type { RecordedRequest } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, messageOf, startHarness } from "../helpers/harness.js";
import { oneReactionStory } from "../helpers/oneReactionStory.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const run = (userId: string, name: string, options: Record<string, string> = {}) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name, options });

/** The bot's requests that DM the reader: opening the DM channel, and posting in it. */
const dmRequests = (): RecordedRequest[] => {
  const dm = h.discord.dmChannel(h.reader.id);
  return h.discord.requests.filter(
    (request) =>
      request.method === "POST" &&
      ((request.path === "/users/@me/channels" &&
        JSON.stringify(request.body).includes(h.reader.id)) ||
        request.path === `/channels/${dm}/messages`),
  );
};

describe("a subscriber whose DMs are closed", () => {
  it("is refused one DM, then unsubscribed and told once at their next command, and not DMed at later drops", async () => {
    h = await startHarness({ STORY_DIR: oneReactionStory() });
    expect(messageOf(await run(h.reader.id, "notify", { dm: "on" })).content).toMatch(
      /^I'll DM you when a new part is out/,
    );
    h.discord.closeDms(h.reader.id);

    expect(messageOf(await run(h.author.id, "serial drop-now")).content).toMatch(
      /^Dropped \*\*Part 1 · New York\*\*/,
    );
    const dm = h.discord.dmChannel(h.reader.id);
    const refused = dmRequests().filter((request) => request.path === `/channels/${dm}/messages`);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ status: 403, response: { code: 50007 } });
    expect(h.app.store.notices.subscribers(h.guild.id, "drago")).not.toContain(h.reader.id);
    const attempts = dmRequests().length;

    expect(messageOf(await run(h.author.id, "serial drop-now")).content).toMatch(
      /^Dropped \*\*Part 2 · Moscow\*\*/,
    );
    expect(dmRequests()).toHaveLength(attempts);

    const told = messageOf(await run(h.reader.id, "progress"));
    expect(told.content).toMatch(/^📭 I couldn't DM you that a new part was out/);
    expect(told.content).toMatch(/\/notify dm:on/);
    expect(told.embeds).toHaveLength(1);
    expect(messageOf(await run(h.reader.id, "progress")).content).not.toMatch(/📭/);
    // The author's own replies never carried the reader's note.
    expect(
      h.discord
        .messages(h.reading.id)
        .filter((message) => message.content.includes("📭"))
        .map((message) => message.id),
    ).toEqual([told.id]);
  });
});
