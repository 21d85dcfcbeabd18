import { afterEach, describe, expect, it } from "vitest";
import {
  buttonOn,
  embedOf,
  type Harness,
  labelsOn,
  messageOf,
  serialCommand,
  startHarness,
} from "../helpers/harness.js";
import { twoStories } from "../helpers/twoStories.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const serial = (subcommand: string, options: Record<string, string | boolean> = {}) =>
  serialCommand(h, subcommand, options);
const asReader = (name: string, options: Record<string, string> = {}) =>
  h.discord.runCommand({ channelId: h.reading.id, userId: h.reader.id, name, options });

describe("two stories in one server", () => {
  it("gives each its own channel, drops, reading and figures, and /read a library of both", async () => {
    h = await startHarness({ STORY_DIR: twoStories() });
    const tea = h.discord.createChannel(h.guild.id, { name: "tea-chapters" });

    const library = messageOf(await asReader("read"));
    expect(embedOf(await asReader("read")).fields?.map((field) => field.name)).toEqual([
      "After Moscow",
      "The Tea Merchant's Ledger",
    ]);
    expect(labelsOn(library)).toEqual(["Open After Moscow", "Open The Tea Merchant's Ledger"]);

    expect(messageOf(await serial("channel", { channel: tea.id, story: "tea" })).content).toMatch(
      new RegExp(`<#${tea.id}>`),
    );
    expect(messageOf(await serial("drop-now", { story: "tea" })).content).toMatch(
      /Dropped \*\*Part 1 · The Ledger\*\*/,
    );
    expect(h.discord.posts(tea.id)).toHaveLength(1);
    expect(h.discord.posts(h.reading.id)).toHaveLength(0);
    expect(messageOf(await serial("drop-now", { story: "drago" })).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    expect(h.discord.posts(h.reading.id)).toHaveLength(2);
    expect(h.discord.posts(tea.id)).toHaveLength(1);

    expect(
      messageOf(await serial("schedule", { cron: "0 18 * * 5", story: "drago" })).content,
    ).toMatch(/Drops now follow `0 18 \* \* 5`/);
    const teaStatus = embedOf(await serial("status", { story: "tea" }));
    expect(teaStatus.title).toBe("The Tea Merchant's Ledger: drops");
    expect(teaStatus.fields?.find((field) => field.name === "Schedule")?.value).toBe("None");
    expect(teaStatus.fields?.find((field) => field.name === "Reading channel")?.value).toBe(
      `<#${tea.id}>`,
    );
    const overview = messageOf(await serial("status")).content;
    expect(overview).toMatch(/carries 2 stories/);
    expect(overview).toMatch(/\*\*After Moscow\*\*: .*`0 18 \* \* 5`/);

    const opened = messageOf(
      await h.discord.clickButton({
        userId: h.reader.id,
        message: library,
        customId: buttonOn(library, "Open The Tea Merchant's Ledger"),
      }),
    );
    expect(opened.embeds[0]?.title).toBe("The Tea Merchant's Ledger");
    const page = messageOf(
      await h.discord.clickButton({
        userId: h.reader.id,
        message: opened,
        customId: buttonOn(opened, "Start reading"),
      }),
    );
    expect(page.embeds[0]?.author?.name).toBe("The Tea Merchant's Ledger");
    const again = messageOf(await asReader("read"));
    expect(labelsOn(again)).toEqual(["Open After Moscow", "Resume The Tea Merchant's Ledger"]);
    const resumed = messageOf(
      await h.discord.clickButton({
        userId: h.reader.id,
        message: again,
        customId: buttonOn(again, "Resume The Tea Merchant's Ledger"),
      }),
    );
    expect(resumed.embeds[0]?.description).toBe(page.embeds[0]?.description);
    expect(messageOf(await asReader("read", { part: "tea-the-second-payment" })).content).toMatch(
      /no released part called "tea-the-second-payment"/,
    );

    const figures = (story: string) =>
      h.discord.runCommand({
        channelId: h.reading.id,
        userId: h.author.id,
        name: "reactions show",
        options: { story },
      });
    expect(embedOf(await figures("tea")).title).toMatch(/^The Tea Merchant's Ledger/);
    expect(embedOf(await figures("drago")).title).toMatch(/^After Moscow/);

    expect(messageOf(await serial("carry", { story: "tea", on: false })).content).toMatch(
      /no longer carries \*\*The Tea Merchant's Ledger\*\*/,
    );
    expect(embedOf(await asReader("read")).title).toBe("After Moscow");
  });
});
