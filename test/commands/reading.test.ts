import { describe, expect, it } from "vitest";
import { buttonHandlers, chatCommands } from "../../src/commands/registry.js";
import { runCommand } from "../../src/commands/runCommand.js";
import type { MemberContext, Services } from "../../src/commands/types.js";
import { bindLibrary } from "../../src/core/Library.js";
import { UserError } from "../../src/core/UserError.js";
import type { Reply } from "../../src/views/ReplyMessage.js";
import { limitProblems } from "../helpers/discordLimits.js";
import {
  AUTHOR,
  buttonId,
  contextFor,
  embedOf,
  GUILD,
  READER,
  testServices,
  typing,
} from "../helpers/services.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";
import { expectVerbatimPages } from "../helpers/verbatim.js";

const story = storyFixture([
  { id: "first", text: prose(6, 5, "First") },
  { id: "second", text: prose(4, 5, "Second") },
  { id: "third", text: prose(2, 3, "Third") },
]);

/** Runs a command as the dispatcher would, access and option checks included. */
async function run(
  services: Services,
  name: string,
  userId = READER,
  values: Record<string, string> = {},
  subcommand?: string,
  extra: Partial<MemberContext> = {},
): Promise<Reply> {
  const command = chatCommands.get(name);
  if (command === undefined) throw new Error(`no command ${name}`);
  const reply = await runCommand(command, services, contextFor(userId, extra), {
    subcommand,
    values,
  });
  expect(limitProblems(reply.message)).toEqual([]);
  return reply;
}

async function press(services: Services, customId: string, userId = READER): Promise<Reply> {
  const [prefix = "", ...args] = customId.split(":");
  const handler = buttonHandlers.get(prefix);
  if (handler === undefined) throw new Error(`no handler for ${customId}`);
  const reply = await handler.execute(services, contextFor(userId), args);
  expect(limitProblems(reply.message)).toEqual([]);
  return reply;
}

/** Presses Next from `reply` until the caught-up card, returning every page's text in order. */
async function readToTheEnd(services: Services, first: Reply): Promise<string[]> {
  const pages: string[] = [];
  let reply = first;
  while (embedOf(reply).title !== "You're all caught up") {
    pages.push(embedOf(reply).description ?? "");
    const label = (reply.message.components?.[0]?.components ?? []).some(
      (c) => "label" in c && c.label === "Next part",
    )
      ? "Next part"
      : "Next";
    reply = await press(services, buttonId(reply.message, label));
    expect(reply.mode).toBe("update");
    expect(pages.length).toBeLessThan(500);
  }
  return pages;
}

function releaseAll(services: Services, count: number): void {
  for (let i = 0; i < count; i += 1)
    services.store.releases.add(
      GUILD,
      "fixture",
      ["first", "second", "third"][i] ?? "",
      new Date(),
    );
}

describe("reading with /read, the buttons and /next", () => {
  it("shows a first-time reader the title card with rating, warnings, length and a Start button", async () => {
    const services = testServices(story);
    const reply = await run(services, "read");
    const card = embedOf(reply);
    expect(reply.mode).toBe("reply");
    expect(card.title).toBe("Fixture Story");
    expect(card.description).toBe("by Test Author");
    const fields = Object.fromEntries((card.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Rating).toBe("Mature");
    expect(fields["Content warnings"]).toBe("Domestic violence, Strong language, Drug use");
    expect(fields.Released).toMatch(/No parts yet/);
    expect(fields["Length so far"]).toMatch(/^\d+ words · about \d+ min$/);
    expect(buttonId(reply.message, "Start reading")).toBe("read:start:fixture");
  });

  it("before any release, serves only the author's note and the blurb, then says caught up", async () => {
    const services = testServices(story);
    const first = await press(services, "read:start");
    expect(embedOf(first).title).toBe("Author's note");
    const pages = await readToTheEnd(services, first);
    expect(pages).toEqual(["A note from the author.", "What the story is about."]);
  });

  it("gives every paragraph of the released parts once, in order, verbatim, with the Next button", async () => {
    const services = testServices(story);
    releaseAll(services, 2);
    const pages = await readToTheEnd(services, await press(services, "read:start"));
    const released = story.parts.filter((p) => p.id !== "third").map((p) => p.text);
    expectVerbatimPages(pages, released);
    expect(pages.join("\n")).not.toContain("Third");
  });

  it("gives the same pages with /next as with the Next button", async () => {
    const services = testServices(story);
    releaseAll(services, 3);
    const withButtons = await readToTheEnd(services, await press(services, "read:start"));
    const other = "200000000000000002";
    const withNext: string[] = [];
    let reply = await run(services, "next", other);
    expect(embedOf(reply).title).toBe("Author's note");
    expect(embedOf(reply).fields?.map((field) => field.name)).toEqual([
      "Rating",
      "Content warnings",
    ]);
    while (embedOf(reply).title !== "You're all caught up") {
      withNext.push(embedOf(reply).description ?? "");
      reply = await run(services, "next", other);
    }
    expect(withNext).toEqual(withButtons);
  });

  it("shows where the reader is: part, dateline, place, page x of y and share of the story", async () => {
    const services = testServices(story);
    releaseAll(services, 1);
    const reply = await run(services, "read", READER, { part: "first" });
    const embed = embedOf(reply);
    expect(embed.title).toBe("Part 1 · Scene 1");
    expect(embed.author?.name).toBe("Fixture Story");
    expect(embed.footer?.text).toMatch(
      /^December 26th 1985 · Place 1 · Page 1 of (\d+) · \d+% of the story$/,
    );
  });

  it("offers a returning reader Resume and Start over, and resumes at the saved page", async () => {
    const services = testServices(story);
    releaseAll(services, 1);
    const opened = await run(services, "read", READER, { part: "first" });
    const second = await press(services, buttonId(opened.message, "Next"));
    const card = await run(services, "read");
    expect(embedOf(card).title).toBe("Welcome back to Fixture Story");
    expect(embedOf(card).description).toMatch(/Part 1 · Scene 1\*\*, page 2 of/);
    const resumed = await press(services, buttonId(card.message, "Resume"));
    expect(embedOf(resumed).description).toBe(embedOf(second).description);
    const over = await press(services, buttonId(card.message, "Start over"));
    expect(embedOf(over).title).toBe("Author's note");
  });

  it("skips no page on a double click: the same button twice shows the same page", async () => {
    const services = testServices(story);
    releaseAll(services, 1);
    const opened = await run(services, "read", READER, { part: "first" });
    const next = buttonId(opened.message, "Next");
    const once = await press(services, next);
    const twice = await press(services, next);
    expect(embedOf(twice).description).toBe(embedOf(once).description);
    expect(embedOf(twice).footer?.text).toMatch(/Page 2 of/);
    const after = await run(services, "next");
    expect(embedOf(after).footer?.text).toMatch(/Page 3 of/);
  });

  it("goes Back a page, and across into the previous part", async () => {
    const services = testServices(story);
    releaseAll(services, 1);
    const opened = await run(services, "read", READER, { part: "first" });
    const back = await press(services, buttonId(opened.message, "Back"));
    expect(embedOf(back).title).toBe("Blurb");
    const start = await press(services, "read:start");
    const disabled = start.message.components?.[0]?.components[0];
    expect(disabled).toMatchObject({ label: "Back", disabled: true });
  });

  it("tells a caught-up reader when the next part comes, in Discord's relative time", async () => {
    const drop = new Date("2026-11-27T18:00:00Z");
    const services = testServices(story, drop);
    releaseAll(services, 1);
    const pages = await readToTheEnd(services, await press(services, "read:start"));
    expect(pages.length).toBeGreaterThan(2);
    const caughtUp = await run(services, "next");
    expect(embedOf(caughtUp).description).toContain(`<t:${drop.getTime() / 1000}:R>`);
    const back = await press(services, buttonId(caughtUp.message, "Back to the last page"));
    expect(embedOf(back).description).toBe(pages.at(-1));
  });

  it("says when no part is scheduled, and when the story as written is finished", async () => {
    const services = testServices(story);
    releaseAll(services, 2);
    await readToTheEnd(services, await press(services, "read:start"));
    expect(embedOf(await run(services, "next")).description).toMatch(/hasn't been scheduled yet/);
    releaseAll(services, 3);
    const pages = await readToTheEnd(services, await run(services, "next"));
    expect(pages.join(" ")).toContain("Third paragraph 1");
    expect(embedOf(await run(services, "next")).description).toMatch(
      /whole story as written so far/,
    );
  });

  it("keeps the reader on the same text when the page size changes", async () => {
    const services = testServices(story);
    releaseAll(services, 1);
    const opened = await run(services, "read", READER, { part: "first" });
    const third = await press(
      services,
      buttonId((await press(services, buttonId(opened.message, "Next"))).message, "Next"),
    );
    const text = embedOf(third).description ?? "";
    const repaged = {
      ...services,
      library: () => bindLibrary([{ ...story, meta: { ...story.meta, pageLength: 800 } }]),
    };
    const resumed = await press(repaged, "read:resume");
    const shown = embedOf(resumed).description ?? "";
    const partText = story.parts.find((part) => part.id === "first")?.text ?? "";
    const savedOffset = partText.indexOf(text);
    const shownStart = partText.indexOf(shown);
    expect(savedOffset).toBeGreaterThan(0);
    expect(shown).not.toBe(text);
    expect(shownStart).toBeLessThanOrEqual(savedOffset);
    expect(shownStart + shown.length).toBeGreaterThan(savedOffset);
  });
});

describe("release gating", () => {
  it("never shows an unreleased part through the part option, autocomplete or a forged button", async () => {
    const services = testServices(story);
    releaseAll(services, 1);
    await expect(run(services, "read", READER, { part: "second" })).rejects.toThrow(UserError);
    await expect(run(services, "read", READER, { part: "nope" })).rejects.toThrow(
      /no released part called "nope"/,
    );
    const read = chatCommands.get("read");
    const choices = read?.autocomplete?.(services, contextFor(READER), typing("")) ?? [];
    expect(choices.map((c) => c.value)).toEqual(["authors-note", "blurb", "first"]);
    expect(
      read?.autocomplete?.(services, contextFor(READER), typing("scene")).map((c) => c.value),
    ).toEqual(["first"]);
    for (const forged of [
      "page:at:second:0",
      "page:next:second:0",
      "page:at:first:99999999",
      "page:jump:first:0",
      "page:at:First:0",
      "page:at:first:-1",
      "page:at:first:0:extra",
      "read:teleport",
      "read:open",
      "read:start:nope",
      "read:start:Fixture",
      "read:resume:fixture:extra",
      "react:second:0",
    ]) {
      await expect(press(services, forged)).rejects.toThrow(UserError);
    }
  });

  it("lets an author release the next part, and refuses a reader", async () => {
    const services = testServices(story);
    await expect(run(services, "serial", READER, {}, "release-next")).rejects.toThrow(
      /Only the story's authors/,
    );
    const released = await run(services, "serial", AUTHOR, {}, "release-next");
    expect(released.message.content).toMatch(/Released \*\*Part 1 · Scene 1\*\*/);
    const manager = await run(services, "serial", READER, {}, "release-next", {
      canManageGuild: true,
    });
    expect(manager.message.content).toMatch(/Part 2/);
    await run(services, "serial", AUTHOR, {}, "release-next");
    await expect(run(services, "serial", AUTHOR, {}, "release-next")).rejects.toThrow(
      /already released/,
    );
    expect(services.store.releases.releasedIds(GUILD, "fixture")).toEqual(
      new Set(["first", "second", "third"]),
    );
  });
});
