import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const now = new Date("2026-11-24T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

describe("CarriedStoryRepository", () => {
  it("carries every story until one is turned off in a server, and again once turned back on", () => {
    const open = new Store(":memory:");
    store = open;
    expect(open.carried.excluded(guildId)).toEqual(new Set());
    open.carried.set(guildId, "drago", false, now);
    open.carried.set(guildId, "tea", false, now);
    open.carried.set(otherGuild, "tea", true, now);
    expect(open.carried.excluded(guildId)).toEqual(new Set(["drago", "tea"]));
    expect(open.carried.excluded(otherGuild)).toEqual(new Set());
    open.carried.set(guildId, "drago", true, now);
    expect(open.carried.excluded(guildId)).toEqual(new Set(["tea"]));
  });

  it("forgets a server's choices with the server", () => {
    const open = new Store(":memory:");
    store = open;
    open.carried.set(guildId, "drago", false, now);
    open.carried.set(otherGuild, "drago", false, now);
    open.departures.record(guildId, now);
    expect(open.purgeGuild(guildId, now)).toBe(true);
    expect(open.carried.excluded(guildId)).toEqual(new Set());
    expect(open.carried.excluded(otherGuild)).toEqual(new Set(["drago"]));
  });
});
