import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const patrons = "600000000000000001";
const editors = "600000000000000002";
const now = new Date("2026-11-24T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

describe("EarlyAccessRepository", () => {
  it("keeps, per server and story, how many parts each role may read early", () => {
    const open = new Store(":memory:");
    store = open;
    expect(open.earlyAccess.grants(guildId, "drago")).toEqual([]);
    open.earlyAccess.grant(guildId, "drago", patrons, 1, now);
    open.earlyAccess.grant(guildId, "drago", editors, 3, now);
    open.earlyAccess.grant(guildId, "drago", patrons, 2, now);
    open.earlyAccess.grant(guildId, "tea", patrons, 5, now);
    expect(open.earlyAccess.grants(guildId, "drago")).toEqual([
      { roleId: patrons, parts: 2 },
      { roleId: editors, parts: 3 },
    ]);
    expect(open.earlyAccess.grants(guildId, "tea")).toEqual([{ roleId: patrons, parts: 5 }]);
    expect(open.earlyAccess.grants(otherGuild, "drago")).toEqual([]);
  });

  it("takes a role's early access away, saying whether it had any", () => {
    const open = new Store(":memory:");
    store = open;
    open.earlyAccess.grant(guildId, "drago", patrons, 1, now);
    expect(open.earlyAccess.revoke(guildId, "tea", patrons)).toBe(false);
    expect(open.earlyAccess.revoke(guildId, "drago", patrons)).toBe(true);
    expect(open.earlyAccess.revoke(guildId, "drago", patrons)).toBe(false);
    expect(open.earlyAccess.grants(guildId, "drago")).toEqual([]);
  });

  it("refuses a number of parts that is not a whole number of at least 1", () => {
    const open = new Store(":memory:");
    store = open;
    for (const parts of [0, -1, 1.5, Number.NaN]) {
      expect(() => open.earlyAccess.grant(guildId, "drago", patrons, parts, now)).toThrow(
        RangeError,
      );
    }
    expect(open.earlyAccess.grants(guildId, "drago")).toEqual([]);
  });

  it("forgets a server's grants with the server", () => {
    const open = new Store(":memory:");
    store = open;
    open.earlyAccess.grant(guildId, "drago", patrons, 1, now);
    open.earlyAccess.grant(otherGuild, "drago", patrons, 1, now);
    open.departures.record(guildId, now);
    open.purgeGuild(guildId, now);
    expect(open.earlyAccess.grants(guildId, "drago")).toEqual([]);
    expect(open.earlyAccess.grants(otherGuild, "drago")).toEqual([{ roleId: patrons, parts: 1 }]);
  });
});
