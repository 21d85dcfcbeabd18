import { once } from "node:events";
import { Events } from "discord.js";
import type { InteractionOutcome } from "local-discord";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import {
  buttonOn,
  embedOf,
  type Harness,
  labelsOn,
  messageOf,
  startHarness,
} from "../helpers/harness.js";
import { expectVerbatimPages } from "../helpers/verbatim.js";

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const read = (userId: string, options: Record<string, string> = {}) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name: "read", options });
const next = (userId: string) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name: "next" });
const press = (userId: string, outcome: InteractionOutcome, label: string) =>
  h.discord.clickButton({
    userId,
    message: messageOf(outcome),
    customId: buttonOn(messageOf(outcome), label),
  });
const releaseNext = () =>
  h.discord.runCommand({
    channelId: h.reading.id,
    userId: h.author.id,
    name: "serial release-next",
  });

/** Presses Next until the caught-up card; every page's text, in order. */
async function readWithButtons(userId: string, first: InteractionOutcome): Promise<string[]> {
  const pages: string[] = [];
  let outcome = first;
  while (embedOf(outcome).title !== "You're all caught up") {
    expect(pages.length).toBeLessThan(100);
    pages.push(embedOf(outcome).description ?? "");
    const labels = labelsOn(messageOf(outcome));
    outcome = await press(userId, outcome, labels.includes("Next part") ? "Next part" : "Next");
    expect(outcome.type).toBe(7);
  }
  return pages;
}

describe("reading through the real discord.js client", () => {
  it("registers guild-only commands with default member permissions", () => {
    const commands = h.discord.commands();
    expect(commands.map((c) => c.name).sort()).toEqual([
      "forget-me",
      "next",
      "notify",
      "progress",
      "reactions",
      "read",
      "serial",
    ]);
    for (const command of commands) expect(command.contexts).toEqual([0]);
    expect(commands.find((c) => c.name === "serial")?.default_member_permissions).toBe("32");
    expect(commands.find((c) => c.name === "reactions")?.default_member_permissions).toBe("32");
    expect(commands.find((c) => c.name === "read")?.default_member_permissions ?? null).toBeNull();
  });

  it("before any release serves the title card, the author's note and the blurb only", async () => {
    const card = await read(h.reader.id);
    expect(card.type).toBe(4);
    expect("ephemeral" in card && card.ephemeral).toBe(true);
    expect(embedOf(card).fields?.find((f) => f.name === "Content warnings")?.value).toBe(
      "Domestic violence, Strong language, Drug use",
    );
    const pages = await readWithButtons(
      h.reader.id,
      await press(h.reader.id, card, "Start reading"),
    );
    const [story] = (await loadLibrary("story")).stories;
    expect(pages).toEqual(story.parts.filter((p) => p.kind !== "scene").map((p) => p.text));
    const choices = await h.discord.autocomplete({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
      options: { part: "" },
      focused: "part",
    });
    expect(choices.map((c) => c.value)).toEqual(["authors-note", "blurb"]);
    const refused = await read(h.reader.id, { part: "new-york" });
    expect(messageOf(refused).content).toMatch(/no released part/);
    expect(h.discord.messages(h.reading.id).every((m) => ((m.flags ?? 0) & 64) === 64)).toBe(true);
  });

  it("reads the whole released story with the buttons, and with /next, every paragraph once and in order", async () => {
    await releaseNext();
    await releaseNext();
    const [story] = (await loadLibrary("story")).stories;
    const withButtons = await readWithButtons(
      h.reader.id,
      await press(h.reader.id, await read(h.reader.id), "Start reading"),
    );
    expectVerbatimPages(
      withButtons,
      story.parts.map((part) => part.text),
    );
    const other = h.discord.addMember(h.guild.id, { username: "second-reader" });
    const withNext: string[] = [];
    let outcome = await next(other.id);
    while (embedOf(outcome).title !== "You're all caught up") {
      withNext.push(embedOf(outcome).description ?? "");
      outcome = await next(other.id);
    }
    expect(withNext).toEqual(withButtons);
  });

  it("keeps the reader's place and the buttons working across a restart", async () => {
    await releaseNext();
    await releaseNext();
    const opened = await read(h.reader.id, { part: "new-york" });
    const second = await press(h.reader.id, opened, "Next");
    expect(labelsOn(messageOf(second))).toEqual(["Back", "Next part", "0", "0", "0", "0", "0"]);
    await h.restart();
    const welcome = await read(h.reader.id);
    expect(embedOf(welcome).title).toMatch(/^Welcome back/);
    const resumed = await press(h.reader.id, welcome, "Resume");
    expect(embedOf(resumed).description).toBe(embedOf(second).description);
    const fromOldMessage = await press(h.reader.id, second, "Next part");
    expect(embedOf(fromOldMessage).title).toBe("Part 2 · Moscow");
    expect(embedOf(fromOldMessage).footer?.text).toMatch(/Page 1 of/);
    const commandWrites = h.discord.requests.filter(
      (r) => r.method === "PUT" && r.path.includes("/commands"),
    );
    expect(commandWrites).toHaveLength(1);
  });

  it("skips no page on a double click", async () => {
    await releaseNext();
    await releaseNext();
    const opened = await read(h.reader.id, { part: "new-york" });
    const [a, b] = await Promise.all([
      press(h.reader.id, opened, "Next"),
      press(h.reader.id, opened, "Next"),
    ]);
    expect(embedOf(a).footer?.text).toMatch(/Page 2 of 2/);
    expect(embedOf(b).footer?.text).toMatch(/Page 2 of 2/);
    const after = await next(h.reader.id);
    expect(embedOf(after).title).toBe("Part 2 · Moscow");
    expect(embedOf(after).footer?.text).toMatch(/Page 1 of/);
  });

  it("keeps answering after Discord asks it to reconnect, and after the connection drops", async () => {
    await releaseNext();
    const resumed = once(h.app.client, Events.ShardResume);
    h.discord.requestReconnect();
    await resumed;
    expect(embedOf(await read(h.reader.id, { part: "new-york" })).title).toBe("Part 1 · New York");
    h.discord.disconnectAll();
    await h.discord.waitFor(() => h.discord.sessions.some((s) => s.connected && s.resumes === 2), {
      description: "the bot's session resumed a second time",
    });
    expect(embedOf(await next(h.reader.id)).footer?.text).toMatch(/Page 2 of 2/);
  });

  it("answers a forged or stale button privately, without showing an unreleased part", async () => {
    await releaseNext();
    const forged = await h.app.client.rest.post(`/channels/${h.reading.id}/messages`, {
      body: {
        content: "forged",
        components: [
          ["page:at:moscow:0", "page:next:new-york:99999999", "page:warp:x:1", "read:hack"],
          ["react:moscow:0", "react:new-york:7", "react:authors-note:0"],
        ].map((row) => ({
          type: 1,
          components: row.map((id) => ({ type: 2, style: 1, label: id, custom_id: id })),
        })),
      },
    });
    const message = forged as { id: string };
    for (const customId of [
      "page:at:moscow:0",
      "page:next:new-york:99999999",
      "page:warp:x:1",
      "read:hack",
      "react:moscow:0",
      "react:new-york:7",
      "react:authors-note:0",
    ]) {
      const outcome = await h.discord.clickButton({
        userId: h.reader.id,
        message: message.id,
        customId,
      });
      expect(outcome.type).toBe(4);
      expect("ephemeral" in outcome && outcome.ephemeral).toBe(true);
      expect(messageOf(outcome).content).toMatch(/isn't available|out of date|not one of mine/);
      expect(JSON.stringify(messageOf(outcome))).not.toContain("Moscow");
    }
    expect(h.app.store.reactions.tallies(h.guild.id, "drago", [])).toEqual([]);
  });

  it("shows the authors, in /serial status, who started and finished each part, leaving themselves out", async () => {
    await releaseNext();
    const finisher = h.discord.addMember(h.guild.id, { username: "finisher" });
    const opened = await read(finisher.id, { part: "new-york" });
    await press(finisher.id, opened, "Next");
    await read(h.reader.id, { part: "new-york" });
    const byAuthor = await read(h.author.id, { part: "new-york" });
    await press(h.author.id, byAuthor, "Next");
    const status = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.author.id,
      name: "serial status",
    });
    const readers = embedOf(status).fields?.find(
      (field) => field.name === "Readers (authors not counted)",
    )?.value;
    expect(readers).toBe(
      [
        "Author's note: 0 started, 0 finished",
        "Blurb: 0 started, 0 finished",
        "Part 1 · New York: 2 started, 1 finished",
      ].join("\n"),
    );
  });

  it("lets authors release parts and refuses readers", async () => {
    const refused = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "serial release-next",
    });
    expect(messageOf(refused).content).toMatch(/Only the story's authors/);
    expect(messageOf(await releaseNext()).content).toMatch(/Released \*\*Part 1 · New York\*\*/);
    const manager = h.discord.addMember(h.guild.id, { username: "mod", permissions: 32n });
    const byManager = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: manager.id,
      name: "serial release-next",
    });
    expect(messageOf(byManager).content).toMatch(/Part 2 · Moscow/);
    expect(messageOf(await releaseNext()).content).toMatch(/already released/);
  });
});
