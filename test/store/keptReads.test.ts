import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const now = new Date("2026-12-02T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

function open(): Store {
  store = new Store(":memory:");
  return store;
}

/** The reads a page turn keeps in memory (releases, early access, carried stories). */
describe("the reads kept between writes", () => {
  it("shows a release, a grant and a story turned off straight after the write", () => {
    const opened = open();
    expect(opened.releases.releasedIds(guildId, "drago")).toEqual(new Set());
    expect(opened.earlyAccess.grants(guildId, "drago")).toEqual([]);
    expect(opened.carried.excluded(guildId)).toEqual(new Set());
    opened.releases.add(guildId, "drago", "p1", now);
    opened.earlyAccess.grant(guildId, "drago", "role-1", 2, now);
    opened.carried.set(guildId, "tea", false, now);
    expect(opened.releases.releasedIds(guildId, "drago")).toEqual(new Set(["p1"]));
    expect(opened.earlyAccess.grants(guildId, "drago")).toEqual([{ roleId: "role-1", parts: 2 }]);
    expect(opened.carried.excluded(guildId)).toEqual(new Set(["tea"]));
    opened.earlyAccess.revoke(guildId, "drago", "role-1");
    expect(opened.earlyAccess.grants(guildId, "drago")).toEqual([]);
    expect(opened.releases.releasedIds(otherGuild, "drago")).toEqual(new Set());
  });

  it("keeps nothing a rolled-back transaction wrote", () => {
    const opened = open();
    expect(() =>
      opened.transaction(() => {
        opened.releases.add(guildId, "drago", "p1", now);
        expect(opened.releases.releasedIds(guildId, "drago")).toEqual(new Set(["p1"]));
        throw new Error("the drop failed");
      }),
    ).toThrow("the drop failed");
    expect(opened.releases.releasedIds(guildId, "drago")).toEqual(new Set());
  });

  it("forgets a purged server's releases and grants", () => {
    const opened = open();
    opened.releases.add(guildId, "drago", "p1", now);
    opened.earlyAccess.grant(guildId, "drago", "role-1", 1, now);
    expect(opened.releases.releasedIds(guildId, "drago").size).toBe(1);
    expect(opened.earlyAccess.grants(guildId, "drago")).toHaveLength(1);
    opened.departures.record(guildId, now);
    expect(opened.purgeGuild(guildId, new Date(now.getTime() + 1))).toBe(true);
    expect(opened.releases.releasedIds(guildId, "drago")).toEqual(new Set());
    expect(opened.earlyAccess.grants(guildId, "drago")).toEqual([]);
  });
});
