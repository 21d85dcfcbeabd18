import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { buttonOn, embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const run = (name: string, options: Record<string, string> = {}, userId = h.reader.id) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name, options });

describe("a member's own data", () => {
  it("/progress shows where the member is and what they read; /forget-me erases it all after asking", async () => {
    h = await startHarness();
    await run("serial drop-now", {}, h.author.id);
    const opened = await run("read", { part: "new-york" });
    await h.discord.clickButton({
      userId: h.reader.id,
      message: messageOf(opened),
      customId: buttonOn(messageOf(opened), "Next"),
    });
    await run("notify", { dm: "on" });
    const last = h.discord.posts(h.reading.id).at(-1);
    h.discord.react(h.reader.id, h.reading.id, last?.id ?? "", "❤️");
    await eventually(
      () => h.app.store.reactions.tallies(h.guild.id, "drago", []).length === 1,
      "the reaction recorded",
    );

    const progress = await run("progress");
    expect("ephemeral" in progress && progress.ephemeral).toBe(true);
    const [where, blank, ...parts] = (embedOf(progress).description ?? "").split("\n");
    expect(where).toMatch(
      /^You're on \*\*Part 1 · New York\*\*, page 2 of 2 \(\d+% of the story\)\. \/next carries on from there\.$/,
    );
    expect(blank).toBe("");
    expect(parts).toEqual([
      "· Author's note: not started",
      "· Blurb: not started",
      "✓ Part 1 · New York: read",
    ]);

    const asked = await run("forget-me");
    expect(messageOf(asked).content).toMatch(/cannot be undone/);
    const kept = await h.discord.clickButton({
      userId: h.reader.id,
      message: messageOf(asked),
      customId: buttonOn(messageOf(asked), "Keep it"),
    });
    expect(messageOf(kept).content).toBe("Nothing was erased.");
    expect(h.app.store.notices.subscribers(h.guild.id, "drago")).toContain(h.reader.id);

    const again = await run("forget-me");
    const erased = await h.discord.clickButton({
      userId: h.reader.id,
      message: messageOf(again),
      customId: buttonOn(messageOf(again), "Erase my data"),
    });
    expect(messageOf(erased).content).toMatch(
      /^Done: I no longer keep anything about you in this server\./,
    );
    expect(messageOf(erased).components).toEqual([]);
    expect(h.app.store.notices.subscribers(h.guild.id, "drago")).not.toContain(h.reader.id);
    expect(h.app.store.reactions.tallies(h.guild.id, "drago", [])).toEqual([]);
    expect(h.app.store.reads.ofMember(h.guild.id, "drago", h.reader.id)).toEqual(new Map());
    expect(embedOf(await run("progress")).description).toMatch(/^You haven't started yet/);
    expect(embedOf(await run("read")).title).toBe("After Moscow");
  });
});
