import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import {
  embedOf,
  type Harness,
  messageOf,
  serialCommand,
  startHarness,
} from "../helpers/harness.js";
import { tempDir } from "../helpers/tempDir.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

/** A copy of the seed story, in the layout of one story at the top of the folder. */
function storyCopy(): string {
  const dir = join(tempDir(), "story");
  cpSync("story", dir, { recursive: true });
  return dir;
}

const serial = (subcommand: string, options: Record<string, string> = {}) =>
  serialCommand(h, subcommand, options);
const readPart = (part: string) =>
  h.discord.runCommand({
    channelId: h.reading.id,
    userId: h.reader.id,
    name: "read",
    options: { part },
  });
const posted = (partId: string) =>
  h.app.store.drops.get({ guildId: h.guild.id, storyId: "drago", partId })?.state === "posted";

const reloads = () =>
  h.logs.filter((line) => line.includes('"msg":"story folder reloaded"')).length;

const THIRD = `---
id: philadelphia
title: Philadelphia
dateline: January 2nd 1986
place: Philadelphia
---

The gym smelled of old leather and older sweat, and Jim Baxter liked it that way.
`;

describe("live publishing", () => {
  it("drops a scene added to the folder of a running bot on schedule, with no restart", async () => {
    const dir = storyCopy();
    // The first two parts are released by hand, so the schedule's next run drops the new one.
    h = await startHarness(
      { STORY_DIR: dir, DROP_SCHEDULE: "*/2 * * * * *" },
      {},
      { logLevel: "info" },
    );
    await serial("pause");
    await serial("release-next");
    await serial("release-next");
    writeFileSync(join(dir, "scenes", "003-philadelphia.md"), THIRD);
    await eventually(() => reloads() === 1, "the folder with Part 3 to load");
    await serial("resume");
    await eventually(() => posted("philadelphia"), "the added scene to drop", 15_000);
    const last = h.discord.posts(h.reading.id).at(-1);
    expect(last?.embeds[0]?.title).toBe("New: Part 3 · Philadelphia");
    expect(embedOf(await readPart("philadelphia")).description).toContain("Jim Baxter");
  });

  it("refuses an invalid edit, keeps serving the version it had, and tells the authors", async () => {
    const dir = storyCopy();
    h = await startHarness({ STORY_DIR: dir }, {}, { logLevel: "info" });
    await serial("release-next");
    const scene = join(dir, "scenes", "001-new-york.md");
    const text = readFileSync(scene, "utf8");
    writeFileSync(scene, text.replace("title: New York", "titel: New York"));
    const dm = h.discord.dmChannel(h.author.id);
    await eventually(
      () => h.discord.posts(dm).some((message) => message.content.includes("kept serving")),
      "the authors to be told",
    );
    const told = h.discord.posts(dm).at(-1)?.content ?? "";
    expect(told).toMatch(/story\/scenes\/001-new-york\.md:3: .*"titel"/);
    expect(told).not.toContain(dir);
    expect(embedOf(await readPart("new-york")).title).toBe("Part 1 · New York");
    expect(messageOf(await serial("status")).content).toMatch(/001-new-york\.md:3/);

    writeFileSync(scene, text.replace("causing her to yelp", "making her yelp"));
    await eventually(() => reloads() === 1, "the fixed folder to load");
    expect(embedOf(await readPart("new-york")).description).toContain("making her yelp");
    expect(messageOf(await serial("status")).content).toBe("");
    expect(messageOf(await serial("reload")).content).toMatch(/Reloaded the story folder: 1 story/);
  });

  it("edits a typo fixed in a dropped part in the channel's copy, and notes a longer revision", async () => {
    const dir = storyCopy();
    h = await startHarness({ STORY_DIR: dir }, {}, { logLevel: "info" });
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    const [first, second] = h.discord.posts(h.reading.id);
    expect(second).toBeDefined();
    const scene = join(dir, "scenes", "001-new-york.md");
    const text = readFileSync(scene, "utf8");

    writeFileSync(scene, text.replace("causing her to yelp", "making her yelp"));
    const shown = () => h.discord.posts(h.reading.id)[0]?.embeds[0]?.description ?? "";
    await eventually(() => shown().includes("making her yelp"), "the channel's copy to be edited");
    expect(h.discord.posts(h.reading.id).map((message) => message.id)).toEqual([
      first?.id,
      second?.id,
    ]);
    expect(embedOf(await readPart("new-york")).description).toContain("making her yelp");

    const longer = `${"She waited in the doorway a long time, listening. ".repeat(80)}\n\n`;
    writeFileSync(scene, text.replace("His fist hit the wall", `${longer}His fist hit the wall`));
    await eventually(
      () => h.discord.posts(h.reading.id).some((message) => message.content.includes("revised")),
      "a note that the part was revised",
    );
    const note = h.discord.posts(h.reading.id).at(-1);
    expect(note?.content).toBe(
      "✏️ The author revised **Part 1 · New York** after it was posted here. /read shows it as it is now.",
    );
    expect(h.discord.posts(h.reading.id)).toHaveLength(3);
    expect(embedOf(await readPart("new-york")).description).toContain("She waited in the doorway");
  });

  it("takes a part removed from the folder out of reading, tells a reader who was in it, and never drops it again", async () => {
    const dir = storyCopy();
    h = await startHarness({ STORY_DIR: dir }, {}, { logLevel: "info" });
    await serial("drop-now");
    await serial("drop-now");
    expect(embedOf(await readPart("moscow")).title).toBe("Part 2 · Moscow");
    rmSync(join(dir, "scenes", "002-moscow.md"));
    await eventually(() => reloads() === 1, "the folder without Part 2 to load");
    const read = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
    });
    expect(messageOf(read).content).toMatch(/The part you were reading is no longer in the story/);
    expect(embedOf(read).title).toBe("After Moscow");
    expect(messageOf(await readPart("moscow")).content).toMatch(/no released part called "moscow"/);
    expect(messageOf(await serial("drop-now")).content).toMatch(/every part is already out/);
  });
});
