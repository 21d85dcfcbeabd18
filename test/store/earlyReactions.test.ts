import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const storyId = "drago";
const now = new Date("2026-11-24T12:00:00Z");
const reader = (userId: string, guild = guildId) => ({ guildId: guild, storyId, userId });

let store: Store | undefined;
afterEach(() => store?.close());

describe("early reactions from the reading buttons", () => {
  it("count the readers who reacted before the part's release in the server, without the authors", () => {
    const open = new Store(":memory:");
    store = open;
    const react = (userId: string, partId: string, emoji: string, guild = guildId) =>
      open.readingReactions.set(reader(userId, guild), partId, emoji, true, now);
    react("u1", "new-york", "❤️");
    react("u2", "new-york", "❤️");
    react("u2", "new-york", "😮");
    react("author", "new-york", "🔥");
    react("u1", "moscow", "😢");
    open.releases.add(guildId, storyId, "new-york", now);
    react("u3", "new-york", "❤️");
    react("u4", "new-york", "🔥");
    react("u5", "new-york", "❤️", otherGuild);

    expect(open.readingReactions.earlyTallies(guildId, storyId, ["author"])).toEqual([
      { partId: "moscow", emoji: "😢", readers: 1 },
      { partId: "new-york", emoji: "❤️", readers: 2 },
      { partId: "new-york", emoji: "😮", readers: 1 },
    ]);
    expect(open.readingReactions.earlyTallies(guildId, storyId, [])).toContainEqual({
      partId: "new-york",
      emoji: "🔥",
      readers: 1,
    });
    expect(open.readingReactions.earlyTallies(otherGuild, storyId, [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
    ]);
    expect(open.readingReactions.earlyTallies(guildId, "tea", [])).toEqual([]);
    // Every reaction counts in the tallies the members see, early or not.
    expect(open.reactions.tallies(guildId, storyId, ["author"])).toContainEqual({
      partId: "new-york",
      emoji: "❤️",
      readers: 3,
    });
  });

  it("stay early once the part is released, and go when unset or forgotten", () => {
    const open = new Store(":memory:");
    store = open;
    open.readingReactions.set(reader("u1"), "new-york", "❤️", true, now);
    open.readingReactions.set(reader("u2"), "new-york", "❤️", true, now);
    open.releases.add(guildId, storyId, "new-york", now);
    // Setting it again changes nothing: the reaction was made early.
    open.readingReactions.set(reader("u1"), "new-york", "❤️", true, now);
    expect(open.readingReactions.earlyTallies(guildId, storyId, [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 2 },
    ]);
    open.readingReactions.set(reader("u2"), "new-york", "❤️", false, now);
    open.forgetMember(guildId, "u1", now);
    expect(open.readingReactions.earlyTallies(guildId, storyId, [])).toEqual([]);
    open.readingReactions.set(reader("u2"), "new-york", "❤️", true, now);
    expect(open.readingReactions.earlyTallies(guildId, storyId, [])).toEqual([]);
  });
});
