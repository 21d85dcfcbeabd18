import type { Fault, RecordedRequest } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";
import { oneReactionStory } from "../helpers/oneReactionStory.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

/** The bot on the real story with one reaction, so a drop skips the 250 ms reaction spacing. */
const start = (): Promise<Harness> => startHarness({ STORY_DIR: oneReactionStory() });

const serial = (subcommand: string, options: Record<string, string> = {}, timeoutMs?: number) =>
  h.discord.runCommand({
    channelId: h.guild.systemChannelId,
    userId: h.author.id,
    name: `serial ${subcommand}`,
    options,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
const lastDrop = async () =>
  embedOf(await serial("status")).fields?.find((field) => field.name === "Last drop")?.value;
const warnings = () =>
  h.discord.posts(h.guild.systemChannelId).filter((message) => message.content.startsWith("⚠️"));
/** The bot's page posts to a channel, faulted ones included, oldest first. */
const pagePosts = (channelId: string): RecordedRequest[] =>
  h.discord.requests.filter(
    (request) => request.method === "POST" && request.path === `/channels/${channelId}/messages`,
  );
const nonceOf = (request: RecordedRequest | undefined): unknown =>
  typeof request?.body === "object" && request.body !== null && "nonce" in request.body
    ? request.body.nonce
    : undefined;
const injectOnPages = (fault: Fault, times: number) =>
  h.discord.injectFault({
    method: "POST",
    path: `/channels/${h.reading.id}/messages`,
    times,
    fault,
  });

/** The drop is out once: two pages in the reading channel, each sent with its own nonce. */
function expectDroppedOnce(): void {
  expect(h.discord.posts(h.reading.id)).toHaveLength(2);
  const served = pagePosts(h.reading.id).filter((request) => request.status === 200);
  expect(served).toHaveLength(2);
  expect(new Set(served.map(nonceOf)).size).toBe(2);
}

/** The bot survived: a reader still gets an answer to /read. */
async function expectReadAnswers(): Promise<void> {
  const answer = messageOf(
    await h.discord.runCommand({
      channelId: h.guild.systemChannelId,
      userId: h.reader.id,
      name: "read",
    }),
  );
  expect(answer.content.length + answer.embeds.length).toBeGreaterThan(0);
}

describe("drops when Discord fails", () => {
  it.each([
    { times: 2, how: "discord.js retries them at once" },
    { times: 5, how: "discord.js gives up after 4 tries, the drop's backoff tries again" },
  ])("posts each page once after $times 500s on the first page ($how)", async ({ times }) => {
    h = await start();
    const fault = injectOnPages({ status: 500 }, times);
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\* in <#\d+> \(2 messages\)/,
    );
    expect(fault.hits).toBe(times);
    const tries = pagePosts(h.reading.id);
    expect(tries.map((request) => request.status)).toEqual([
      ...Array.from({ length: times }, () => 500),
      200,
      200,
    ]);
    expect(new Set(tries.slice(0, times + 1).map(nonceOf)).size).toBe(1);
    expectDroppedOnce();
    expect(warnings()).toEqual([]);
    await expectReadAnswers();
  });

  it("keeps a drop through a lasting 503, says so, warns once, and finishes it without a duplicate", async () => {
    h = await start();
    const outage = injectOnPages({ status: 503 }, Number.POSITIVE_INFINITY);
    const failed = messageOf(await serial("drop-now", {}, 10_000));
    expect(failed.content).toMatch(
      /\*\*Part 1 · New York\*\* is not out yet: Discord answered 503.*It is kept \(0 of 2 messages posted\)/,
    );
    // Three tries of the drop (backoff 1 s, 4 s), each retried three times by discord.js.
    expect(outage.hits).toBe(12);
    expect(h.discord.posts(h.reading.id)).toEqual([]);
    expect(await lastDrop()).toMatch(
      /not finished.*0 of 2 messages posted, 1 failed try.*Last error: Discord answered 503/,
    );
    expect(warnings().map((message) => message.content)).toEqual([
      expect.stringMatching(/^⚠️ I could not post the next part to <#\d+>: Discord answered 503/),
    ]);
    await expectReadAnswers();

    outage.clear();
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\* in <#\d+> \(2 messages\)/,
    );
    expectDroppedOnce();
    expect(warnings()).toHaveLength(1);
    expect(await lastDrop()).toMatch(/^Part 1 · New York: posted/);
  });

  it("waits out a 429 on a page, then posts each page once", async () => {
    h = await start();
    injectOnPages({ status: 429, retryAfterMs: 300 }, 1);
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    const [limited, retried] = pagePosts(h.reading.id);
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(nonceOf(retried)).toBe(nonceOf(limited));
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(300);
    expectDroppedOnce();
    await expectReadAnswers();
  });

  it("gives up on a page post that never gets an answer, and posts it once on the retry", async () => {
    h = await start();
    // discord.js's request timeout (15 s by default), shortened on the bot's own REST client.
    h.app.client.rest.options.timeout = 500;
    injectOnPages({ hang: true }, 1);
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    const [hung, retried] = pagePosts(h.reading.id);
    expect(hung).toMatchObject({ status: 0, fault: { hang: true } });
    expect(retried?.status).toBe(200);
    expect(nonceOf(retried)).toBe(nonceOf(hung));
    expect((retried?.at ?? 0) - (hung?.at ?? 0)).toBeGreaterThanOrEqual(450);
    expectDroppedOnce();
    await expectReadAnswers();
  });

  it("keeps a drop whose reading channel was deleted, says why, warns the authors, and posts it in the next channel chosen", async () => {
    h = await start();
    const chapters = h.discord.createChannel(h.guild.id, { name: "chapters" });
    expect(messageOf(await serial("channel", { channel: chapters.id })).content).toBe(
      `New parts will be posted in <#${chapters.id}>.`,
    );
    h.discord.deleteChannel(chapters.id);
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /\*\*Part 1 · New York\*\* is not out yet: the reading channel no longer exists\. It is kept \(0 of 2 messages posted\)/,
    );
    expect(await lastDrop()).toMatch(
      /not finished.*1 failed try.*Last error: the reading channel no longer exists/,
    );
    expect(warnings().map((message) => message.content)).toEqual([
      `⚠️ I could not post the next part to <#${chapters.id}>: the reading channel no longer exists. It is kept: fix the problem, then post it with /serial drop-now (or skip it with /serial skip-drop).`,
    ]);
    expect(pagePosts(chapters.id).map((request) => request.status)).toEqual([404]);
    await expectReadAnswers();

    await serial("channel", { channel: h.reading.id });
    expect(messageOf(await serial("drop-now")).content).toMatch(
      new RegExp(`Dropped \\*\\*Part 1 · New York\\*\\* in <#${h.reading.id}> \\(2 messages\\)`),
    );
    expectDroppedOnce();
  });
});
