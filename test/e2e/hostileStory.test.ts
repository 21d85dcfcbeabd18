import type { InteractionOutcome } from "local-discord";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { limitProblems } from "../helpers/discordLimits.js";
import {
  buttonOn,
  embedOf,
  type Harness,
  labelsOn,
  messageOf,
  startHarness,
} from "../helpers/harness.js";

/** The corpus story with every kind of Markdown, bidi isolates and ZWJ emoji (reactions too). */
const storyDir = new URL("../fixtures/hostile/showcase", import.meta.url).pathname;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ STORY_DIR: storyDir });
});

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const press = (outcome: InteractionOutcome, label: string) =>
  h.discord.clickButton({
    userId: h.reader.id,
    message: messageOf(outcome),
    customId: buttonOn(messageOf(outcome), label),
  });

/** Every answer the bot gave Discord so far (interaction callbacks and webhook edits) was accepted. */
function expectAccepted(): void {
  const refused = h.discord.requests.filter(
    (request) =>
      request.route !== null &&
      (request.route.includes(" /interactions/") || request.route.includes(" /webhooks/")) &&
      request.status >= 400,
  );
  expect(refused.map(({ route, status, response }) => ({ route, status, response }))).toEqual([]);
}

describe("a hostile story end to end through the local Discord", () => {
  it("serves every page of the showcase story, as the Book cut it and in order, each one accepted by Discord", async () => {
    const book = bindBook((await loadLibrary(storyDir)).stories[0]);
    const scenes = book.parts.filter((bookPart) => bookPart.part.kind === "scene");
    for (const bookPart of scenes) {
      const released = await h.discord.runCommand({
        channelId: h.reading.id,
        userId: h.author.id,
        name: "serial release-next",
      });
      expect(messageOf(released).content).toMatch(/^Released \*\*/);
      expect(messageOf(released).content).toContain(bookPart.part.title);
    }
    const done = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.author.id,
      name: "serial release-next",
    });
    expect(messageOf(done).content).toMatch(/already released/);

    const card = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
    });
    expectAccepted();
    expect(messageOf(card).embeds, `the title card, not: ${messageOf(card).content}`).toHaveLength(
      1,
    );
    expect(limitProblems({ embeds: messageOf(card).embeds })).toEqual([]);
    expect(embedOf(card).fields?.find((field) => field.name === "Content warnings")?.value).toBe(
      book.story.meta.contentWarnings.join(", "),
    );

    const pages: string[] = [];
    let outcome = await press(card, "Start reading");
    while (embedOf(outcome).title !== "You're all caught up") {
      expect(pages.length).toBeLessThan(60);
      expectAccepted();
      expect(outcome.type).toBe(7);
      expect(limitProblems({ embeds: messageOf(outcome).embeds })).toEqual([]);
      pages.push(embedOf(outcome).description ?? "");
      const labels = labelsOn(messageOf(outcome));
      outcome = await press(outcome, labels.includes("Next part") ? "Next part" : "Next");
    }

    const bookPages = book.parts.flatMap((bookPart) => bookPart.pages.map((page) => page.text));
    expect(bookPages.length).toBeGreaterThan(book.parts.length);
    expect(pages).toEqual(bookPages);
    const answers = h.discord.requests.filter(
      (request) =>
        request.route !== null &&
        (request.route.includes(" /interactions/") || request.route.includes(" /webhooks/")),
    );
    expect(answers.length).toBeGreaterThan(pages.length);
    expectAccepted();
  });
});
