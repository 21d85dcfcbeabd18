import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";

const guildId = "100000000000000001";
const storyId = "drago";
const key = { guildId, storyId, partId: "new-york" };
const erased = "200000000000000001";
const other = "200000000000000002";
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 12, minute));

let store: Store;

beforeEach(() => {
  store = new Store(":memory:");
  store.drops.create({ ...key, channelId: "300", reason: "now", pages: 2, textDigest: "d" }, at(0));
  store.drops.recordMessage(key, 0, "m0", at(0));
  store.drops.recordMessage(key, 1, "m1", at(0));
  store.drops.markPosted(key, at(0), () => undefined);
});

afterEach(() => store.close());

/** A start-up catch-up of one message, as reconcileReactions makes it: Discord's reactions now. */
function catchUp(messageId: string, members: Record<string, string[]>, now: Date): void {
  store.reactions.replaceMessage(
    key,
    messageId,
    new Map(Object.entries(members)),
    store.reactions.reconciledAt(guildId, storyId),
    now,
  );
}

/** What is counted for the erased member alone (everyone else left out). */
const erasedMemberCounts = () => store.reactions.tallies(guildId, storyId, [other]);

describe("a member erased between two catch-ups", () => {
  it("is not recorded by the next catch-up with a reaction the bot never saw; once that catch-up is complete, a new one counts", () => {
    store.reactions.markReconciled(guildId, storyId, at(1));
    // While the bot is down, the member and another react ❤️ (never recorded); then, with the bot
    // up again but before its catch-up reached the message, the member is erased.
    store.forgetMember(guildId, erased, at(2));

    // That catch-up does not finish (another message could not be read): no markReconciled.
    catchUp("m1", { "❤️": [erased, other] }, at(3));
    expect(erasedMemberCounts()).toEqual([]);
    expect(store.reactions.tallies(guildId, storyId, [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
    ]);
    // The next one is as careful: the bot still cannot tell the member's 😢 from one made before
    // the erasure. This one finishes.
    catchUp("m1", { "❤️": [erased, other], "😢": [erased] }, at(4));
    expect(erasedMemberCounts()).toEqual([]);
    store.reactions.markReconciled(guildId, storyId, at(4));

    // The member reacts 😮 while the bot is down again: it is new, and counts; the ❤️ and 😢
    // stay forgotten.
    catchUp("m1", { "❤️": [erased, other], "😢": [erased], "😮": [erased] }, at(5));
    expect(erasedMemberCounts()).toEqual([{ partId: "new-york", emoji: "😮", readers: 1 }]);
    expect(store.reactions.tallies(guildId, storyId, [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
      { partId: "new-york", emoji: "😮", readers: 1 },
    ]);
  });

  it("keeps the reactions the bot recorded from them after the erasure", () => {
    store.reactions.markReconciled(guildId, storyId, at(1));
    store.forgetMember(guildId, erased, at(2));
    store.reactions.add(key, "m0", erased, "😢", at(3));

    catchUp("m0", { "😢": [erased] }, at(4));
    expect(erasedMemberCounts()).toEqual([{ partId: "new-york", emoji: "😢", readers: 1 }]);
  });

  it("never records a reaction that was erased again, before or after the catch-up is complete", () => {
    store.reactions.add(key, "m0", erased, "❤️", at(1));
    store.reactions.markReconciled(guildId, storyId, at(2));
    store.forgetMember(guildId, erased, at(3));

    catchUp("m0", { "❤️": [erased] }, at(4));
    store.reactions.markReconciled(guildId, storyId, at(4));
    catchUp("m0", { "❤️": [erased] }, at(5));
    expect(erasedMemberCounts()).toEqual([]);

    // Removed and put back while the bot is up: a new reaction, kept from then on.
    store.reactions.remove(guildId, "m0", erased, "❤️");
    store.reactions.add(key, "m0", erased, "❤️", at(6));
    catchUp("m0", { "❤️": [erased] }, at(7));
    expect(erasedMemberCounts()).toEqual([{ partId: "new-york", emoji: "❤️", readers: 1 }]);
  });
});
