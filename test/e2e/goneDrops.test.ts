import { Routes } from "discord.js";
import type { RecordedRequest } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import {
  type Harness,
  messageOf,
  restartAndCatchUp,
  serialCommand,
  startHarness,
} from "../helpers/harness.js";
import { oneReactionStory } from "../helpers/oneReactionStory.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const serial = (subcommand: string, options: Record<string, string> = {}) =>
  serialCommand(h, subcommand, options, h.guild.systemChannelId);
const counts = () => h.app.store.reactions.tallies(h.guild.id, "drago", []);

/** The requests for one message or its reactions. */
const about = (requests: readonly RecordedRequest[], channelId: string, messageId: string) =>
  requests.filter((request) =>
    request.path.startsWith(`/channels/${channelId}/messages/${messageId}`),
  );

describe("drop messages and channels that are gone", () => {
  it("reads a deleted drop message once at start (10008) and never again, keeping its reactions; the others are still caught up", async () => {
    h = await startHarness({ STORY_DIR: oneReactionStory() }, {}, { logLevel: "info" });
    await serial("drop-now");
    const [gone, kept] = h.discord.posts(h.reading.id);
    if (gone === undefined || kept === undefined) throw new Error("the drop posted no pages");
    h.discord.react(h.reader.id, h.reading.id, gone.id, "❤️");
    await eventually(() => counts().length === 1, "the ❤️ on the first page recorded");
    await h.app.client.rest.delete(Routes.channelMessage(h.reading.id, gone.id));

    const first = await restartAndCatchUp(h, () =>
      h.discord.react(h.reader.id, h.reading.id, kept.id, "😢"),
    );
    const asked = about(first, h.reading.id, gone.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      path: `/channels/${h.reading.id}/messages/${gone.id}`,
      status: 404,
      response: { code: 10008 },
    });
    expect(about(first, h.reading.id, kept.id).length).toBeGreaterThan(0);
    expect(counts()).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
      { partId: "new-york", emoji: "😢", readers: 1 },
    ]);

    const second = await restartAndCatchUp(h, () =>
      h.discord.unreact(h.reader.id, h.reading.id, kept.id, "😢"),
    );
    expect(about(second, h.reading.id, gone.id)).toEqual([]);
    expect(
      about(second, h.reading.id, kept.id)
        .filter((request) => request.path === `/channels/${h.reading.id}/messages/${kept.id}`)
        .map((request) => request.status),
    ).toEqual([200]);
    expect(counts()).toEqual([{ partId: "new-york", emoji: "❤️", readers: 1 }]);
  });

  it("asks a deleted reading channel once at start (10003), then never again; drops in the new channel are still caught up", async () => {
    h = await startHarness({ STORY_DIR: oneReactionStory() }, {}, { logLevel: "info" });
    await serial("drop-now");
    const chapters = h.discord.createChannel(h.guild.id, { name: "chapters" });
    await serial("channel", { channel: chapters.id });
    await serial("drop-now");
    const old = h.discord.posts(h.reading.id);
    const current = h.discord.posts(chapters.id);
    expect([old.length, current.length]).toEqual([2, 2]);
    h.discord.react(h.reader.id, h.reading.id, old[1]?.id ?? "", "❤️");
    await eventually(() => counts().length === 1, "the ❤️ on Part 1 recorded");
    const inChannel = (requests: readonly RecordedRequest[], channelId: string) =>
      requests.filter((request) => request.path.startsWith(`/channels/${channelId}/`));

    const first = await restartAndCatchUp(h, () => {
      h.discord.deleteChannel(h.reading.id);
      h.discord.react(h.reader.id, chapters.id, current[1]?.id ?? "", "😢");
    });
    const asked = inChannel(first, h.reading.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ status: 404, response: { code: 10003 } });
    expect(
      inChannel(first, chapters.id).filter((request) => !request.path.includes("/reactions/")),
    ).toHaveLength(2);
    expect(counts()).toEqual([
      { partId: "moscow", emoji: "😢", readers: 1 },
      { partId: "new-york", emoji: "❤️", readers: 1 },
    ]);

    const second = await restartAndCatchUp(h);
    expect(inChannel(second, h.reading.id)).toEqual([]);
    expect(
      inChannel(second, chapters.id).filter((request) => !request.path.includes("/reactions/")),
    ).toHaveLength(2);
  });

  it("tries a drop the channel refuses (403) once, not at every tick of an every-second schedule; /serial drop-now tries once more, and posts it once the channel is fixed", async () => {
    h = await startHarness({ STORY_DIR: oneReactionStory() });
    h.discord.denyBot(h.reading.id, ["SendMessages"]);
    await h.restart({ DROP_SCHEDULE: "* * * * * *" });
    const pagePosts = () =>
      h.discord.requests.filter(
        (request) =>
          request.method === "POST" && request.path === `/channels/${h.reading.id}/messages`,
      );
    const nextDrop = () => h.app.store.settings.get(h.guild.id, "drago").nextDropAt?.getTime() ?? 0;
    /** Waits for `ticks` more ticks of the schedule (each notes the next drop time), or a post. */
    const waitTicks = async (ticks: number) => {
      const posts = pagePosts().length;
      const until = nextDrop() + ticks * 1000;
      await eventually(
        () => nextDrop() >= until || pagePosts().length > posts,
        `${ticks} ticks of the schedule`,
      );
    };

    await eventually(() => pagePosts().length > 0, "the scheduled drop's first try");
    expect(pagePosts().map((request) => request.status)).toEqual([403]);
    await waitTicks(3);
    expect(pagePosts()).toHaveLength(1);
    expect(h.app.store.drops.unfinished(h.guild.id, "drago")).toMatchObject({
      partId: "new-york",
      blocked: true,
    });
    const warnings = () =>
      h.discord.posts(h.guild.systemChannelId).filter((post) => post.content.startsWith("⚠️"));
    expect(warnings()).toHaveLength(1);

    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Part 1 · New York\*\* is not out yet: the bot lacks permission/,
    );
    expect(pagePosts()).toHaveLength(2);
    await waitTicks(1);
    expect(pagePosts()).toHaveLength(2);
    expect(warnings()).toHaveLength(1);

    h.discord.denyBot(h.reading.id, []);
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /^Dropped \*\*Part 1 · New York\*\* in <#\d+> \(2 messages\)/,
    );
    // (The every-second schedule goes on with Part 2 at once: only the first four posts are Part 1's.)
    expect(
      pagePosts()
        .map((request) => request.status)
        .slice(0, 4),
    ).toEqual([403, 403, 200, 200]);
    expect(
      h.app.store.drops.get({ guildId: h.guild.id, storyId: "drago", partId: "new-york" })?.state,
    ).toBe("posted");
  });
});
