import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  embedOf,
  type Harness,
  messageOf,
  serialCommand,
  startHarness,
} from "../helpers/harness.js";
import { oneReactionStory } from "../helpers/oneReactionStory.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const serial = (subcommand: string) => serialCommand(h, subcommand, {}, h.guild.systemChannelId);
const lastDrop = async () =>
  embedOf(await serial("status")).fields?.find((field) => field.name === "Last drop")?.value;

/** The bot on a copy of the story, with the first drop refused by a missing permission. */
async function startWithRefusedDrop(): Promise<string> {
  const story = oneReactionStory();
  h = await startHarness({ STORY_DIR: story });
  h.discord.denyBot(h.reading.id, ["SendMessages"]);
  expect(messageOf(await serial("drop-now")).content).toMatch(/New York\*\* is not out yet/);
  return story;
}

describe("a drop that cannot be finished", () => {
  it("is given up at start when its part left the story, the authors are told, and the next part comes", async () => {
    const story = await startWithRefusedDrop();
    const scene = join(story, "scenes", "001-new-york.md");
    writeFileSync(scene, readFileSync(scene, "utf8").replace("id: new-york", "id: big-apple"));
    h.discord.denyBot(h.reading.id, []);
    await h.restart();

    expect(await lastDrop()).toMatch(
      /^new-york: \*\*given up\*\* \(0 of 2 messages posted\): its part is no longer in the story\.$/,
    );
    const notice = await h.discord.waitFor(
      () =>
        h.discord
          .posts(h.guild.systemChannelId)
          .find((post) => post.content.includes("was given up"))?.content,
      { description: "the public word about the abandoned drop" },
    );
    expect(notice).toMatch(/^⚠️ A drop that could not be finished was given up/);
    expect(notice).not.toMatch(/new-york|New York/);
    await h.discord.waitFor(
      () =>
        h.discord
          .messages(h.discord.dmChannel(h.author.id))
          .some((dm) =>
            /The unfinished drop of the part "new-york" \(0 of 2 messages posted\) was abandoned/.test(
              dm.content,
            ),
          ),
      { description: "the authors' DM about the abandoned drop" },
    );
    expect(messageOf(await serial("drop-now")).content).toMatch(
      /^Dropped \*\*Part 1 · New York\*\* in <#\d+> \(2 messages\)/,
    );
    expect(h.app.store.releases.releasedIds(h.guild.id, "drago")).toEqual(new Set(["big-apple"]));
  });

  it("can be skipped by the authors: its part is released unposted and the next drop moves on", async () => {
    await startWithRefusedDrop();
    expect(messageOf(await serial("skip-drop")).content).toBe(
      "Skipped posting **Part 1 · New York** (0 of 2 messages had been posted). It is released: readers can read it with /read. The next drop posts the next part.",
    );
    const read = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
      options: { part: "new-york" },
    });
    expect(embedOf(read).description?.length).toBeGreaterThan(0);
    expect(messageOf(await serial("skip-drop")).content).toMatch(/^No drop is waiting/);

    h.discord.denyBot(h.reading.id, []);
    expect(messageOf(await serial("drop-now")).content).toMatch(/^Dropped \*\*Part 2 · Moscow\*\*/);
  });
});
