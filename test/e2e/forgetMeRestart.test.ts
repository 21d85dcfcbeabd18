import type { StoredMessage } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import {
  buttonOn,
  type Harness,
  messageOf,
  restartAndCatchUp,
  startHarness,
} from "../helpers/harness.js";
import { oneReactionStory } from "../helpers/oneReactionStory.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const counts = (excluded: readonly string[] = []) =>
  h.app.store.reactions.tallies(h.guild.id, "drago", excluded);

/** Starts the bot with its log kept, and has the author drop Part 1; its last message. */
async function startWithPartOneDropped(): Promise<StoredMessage> {
  h = await startHarness({ STORY_DIR: oneReactionStory() }, {}, { logLevel: "info" });
  await h.discord.runCommand({
    channelId: h.reading.id,
    userId: h.author.id,
    name: "serial drop-now",
  });
  const last = h.discord.posts(h.reading.id).at(-1);
  if (last === undefined) throw new Error("the drop posted nothing");
  return last;
}

/** The member asks to be forgotten, and confirms. */
async function forgetMe(userId: string): Promise<void> {
  const asked = await h.discord.runCommand({ channelId: h.reading.id, userId, name: "forget-me" });
  const erased = await h.discord.clickButton({
    userId,
    message: messageOf(asked),
    customId: buttonOn(messageOf(asked), "Erase my data"),
  });
  expect(messageOf(erased).content).toMatch(/^Done: I no longer keep anything about you/);
}

describe("/forget-me and the start-up reaction catch-up", () => {
  it("does not record a forgotten member's old reactions again after restarts; reactions made afterwards count", async () => {
    const last = await startWithPartOneDropped();
    h.discord.react(h.reader.id, h.reading.id, last.id, "❤️");
    await eventually(() => counts().length === 1, "the reader's ❤️ recorded");
    await forgetMe(h.reader.id);
    expect(counts()).toEqual([]);

    // The ❤️ is still on the message in Discord: the catch-up reads it, and leaves it out.
    const read = await restartAndCatchUp(h);
    expect(read.map((request) => request.path)).toContain(
      `/channels/${h.reading.id}/messages/${last.id}/reactions/❤️`,
    );
    expect(counts()).toEqual([]);

    h.discord.react(h.reader.id, h.reading.id, last.id, "😢");
    await eventually(() => counts().length === 1, "the reader's new 😢 recorded");
    expect(counts()).toEqual([{ partId: "new-york", emoji: "😢", readers: 1 }]);

    await restartAndCatchUp(h);
    expect(counts()).toEqual([{ partId: "new-york", emoji: "😢", readers: 1 }]);
  });

  it("leaves out a reaction made while the bot was down, which no complete catch-up had seen, of a member erased since", async () => {
    const last = await startWithPartOneDropped();
    const other = h.discord.addMember(h.guild.id, { username: "other" });
    // The next start's catch-up cannot read the message, so it does not complete.
    const unreadable = h.discord.injectFault({
      method: "GET",
      path: `/channels/${h.reading.id}/messages/${last.id}`,
      times: Number.POSITIVE_INFINITY,
      fault: { status: 503 },
    });
    await restartAndCatchUp(h, () => {
      h.discord.react(h.reader.id, h.reading.id, last.id, "😮");
      h.discord.react(other.id, h.reading.id, last.id, "😮");
    });
    expect(unreadable.hits).toBeGreaterThan(0);
    expect(counts()).toEqual([]);
    await forgetMe(h.reader.id);
    unreadable.clear();

    // The bot cannot tell whether the reader's 😮 was there before the erasure: it is left out.
    await restartAndCatchUp(h);
    expect(counts()).toEqual([{ partId: "new-york", emoji: "😮", readers: 1 }]);
    expect(counts([other.id])).toEqual([]);

    // That catch-up was complete: what the reader does while the bot is down from now on is new.
    await restartAndCatchUp(h, () => h.discord.react(h.reader.id, h.reading.id, last.id, "🔥"));
    expect(counts([other.id])).toEqual([{ partId: "new-york", emoji: "🔥", readers: 1 }]);
    await restartAndCatchUp(h);
    expect(counts([other.id])).toEqual([{ partId: "new-york", emoji: "🔥", readers: 1 }]);
  });
});
