import { afterEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/Store.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const now = new Date("2026-11-24T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

describe("AuthorNoticeRepository", () => {
  it("tells a server's authors of a problem once per story, and again when its words change", () => {
    const open = new Store(":memory:");
    store = open;
    expect(open.authorNotices.tell(guildId, "drago", "schedule", "too often", now)).toBe(true);
    expect(open.authorNotices.tell(guildId, "drago", "schedule", "too often", now)).toBe(false);
    expect(open.authorNotices.tell(guildId, "tea", "schedule", "too often", now)).toBe(true);
    expect(open.authorNotices.tell(otherGuild, "drago", "schedule", "too often", now)).toBe(true);
    expect(open.authorNotices.tell(guildId, "drago", "schedule", "never", now)).toBe(true);
    expect(open.authorNotices.tell(guildId, "drago", "schedule", "never", now)).toBe(false);
  });

  it("tells them again once the problem was cleared, in that story only", () => {
    const open = new Store(":memory:");
    store = open;
    open.authorNotices.tell(guildId, "drago", "schedule", "too often", now);
    open.authorNotices.tell(guildId, "tea", "schedule", "too often", now);
    open.authorNotices.clear(guildId, "drago", "schedule");
    expect(open.authorNotices.tell(guildId, "drago", "schedule", "too often", now)).toBe(true);
    expect(open.authorNotices.tell(guildId, "tea", "schedule", "too often", now)).toBe(false);
  });
});
