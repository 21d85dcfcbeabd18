import { join } from "node:path";
import { SnowflakeUtil } from "discord.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import type { Drop } from "../../src/core/drop.js";
import { DropPoster } from "../../src/scheduler/DropPoster.js";
import { Store } from "../../src/store/Store.js";
import { dropMessages } from "../../src/views/dropMessages.js";
import { discordError, FakeDiscordRest } from "../helpers/fakeDiscordRest.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";
import { tempDir } from "../helpers/tempDir.js";

const BOT = "900000000000000009";
const GUILD = "100000000000000001";
const now = new Date("2026-12-01T12:00:00Z");
const extras = { pingRoleId: undefined, threads: false };

/** A poster over a real store and a fake REST, with a two-page Part 1. */
function setup() {
  const store = new Store(join(tempDir(), "serial.db"));
  const book = bindBook(storyFixture([{ id: "one", text: prose(6, 8, "One") }], 800));
  const rest = new FakeDiscordRest();
  const poster = new DropPoster({
    rest,
    store,
    book: () => book,
    log: pino({ level: "silent" }),
    clock: () => now,
    botUserId: () => BOT,
    backoffMs: [0, 0],
  });
  const part = book.part("one");
  if (part === undefined || part.pages.length < 2) throw new Error("Part 1 needs two pages");
  const newDrop = (): Drop => {
    const drop = store.drops.create(
      {
        guildId: GUILD,
        storyId: "fixture",
        partId: "one",
        channelId: "500",
        reason: "now",
        pages: part.pages.length,
        textDigest: "d",
      },
      now,
    );
    if (drop === undefined) throw new Error("no drop");
    return drop;
  };
  const pagePosts = () =>
    rest.calls.filter((call) => call.method === "POST" && call.route === "/channels/500/messages");
  return { store, book, part, rest, poster, newDrop, pagePosts };
}

describe("DropPoster", () => {
  it("posts each page with its own fixed nonce, seeds the reactions on the last, and releases the part", async () => {
    const t = setup();
    const outcome = await t.poster.post(t.newDrop(), extras, false);
    expect(outcome.ok).toBe(true);
    const nonces = t.pagePosts().map((call) => Reflect.get(Object(call.body), "nonce"));
    expect(nonces).toHaveLength(t.part.pages.length);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(t.rest.calls.filter((call) => call.method === "GET")).toEqual([]);
    const reactions = t.rest.calls
      .filter((call) => call.method === "PUT")
      .map((call) => call.route);
    expect(reactions).toEqual([
      `/channels/500/messages/${outcome.drop.messageIds.at(-1)}/reactions/${encodeURIComponent("❤️")}/@me`,
      `/channels/500/messages/${outcome.drop.messageIds.at(-1)}/reactions/${encodeURIComponent("😢")}/@me`,
    ]);
    expect(t.store.releases.releasedIds(GUILD, "fixture")).toEqual(new Set(["one"]));
  });

  it("resuming, records the pages already in the channel instead of posting them again", async () => {
    const t = setup();
    const [first] = dropMessages(t.book, t.part, undefined);
    const embed = first?.embeds?.[0];
    t.rest.answer = (call) => {
      if (call.method === "GET")
        return [
          { id: "777", author: { id: BOT }, embeds: [{ ...embed, type: "rich" }] },
          { id: "776", author: { id: "123" }, embeds: [{ ...embed }] },
        ];
      return call.method === "POST" ? { id: String(1000 + t.rest.calls.length) } : undefined;
    };
    const outcome = await t.poster.post(t.newDrop(), extras, true);
    expect(outcome.ok).toBe(true);
    expect(outcome.drop.messageIds[0]).toBe("777");
    expect(outcome.drop.messageIds).toHaveLength(t.part.pages.length);
    expect(t.pagePosts()).toHaveLength(t.part.pages.length - 1);
    const lookup = t.rest.calls.find((call) => call.method === "GET");
    expect(lookup?.route).toBe("/channels/500/messages");
    const query = new URLSearchParams(String(lookup?.body));
    expect(query.get("limit")).toBe("100");
    // After the drop's start, less a margin for Discord's clock: no older message can match.
    expect(SnowflakeUtil.timestampFrom(query.get("after") ?? "")).toBe(now.getTime() - 5 * 60_000);
  });

  it("keeps a refused drop blocked (only the authors can fix it) and a failing one retryable", async () => {
    const t = setup();
    t.rest.answer = () => {
      throw discordError(403, 50013, "Missing Permissions");
    };
    const refused = await t.poster.post(t.newDrop(), extras, false);
    expect(refused).toMatchObject({
      ok: false,
      retryable: false,
      error: "the bot lacks permission to post or react in the reading channel",
      drop: { blocked: true, attempts: 1 },
    });
    expect(t.pagePosts()).toHaveLength(1);

    t.rest.calls.length = 0;
    t.rest.answer = () => {
      throw discordError(500, 0, "Internal Server Error");
    };
    const failing = await t.poster.post(refused.drop, extras, true);
    expect(failing).toMatchObject({ ok: false, retryable: true, drop: { blocked: false } });
    expect(t.pagePosts()).toHaveLength(3);
  });

  it("posts the last page again when it was deleted before its reactions were seeded", async () => {
    const t = setup();
    let deleted = true;
    t.rest.answer = (call) => {
      if (call.method === "PUT" && deleted) {
        deleted = false;
        throw discordError(404, 10008, "Unknown Message");
      }
      return call.method === "POST" ? { id: String(2000 + t.rest.calls.length) } : [];
    };
    const first = await t.poster.post(t.newDrop(), extras, false);
    expect(first).toMatchObject({ ok: false, retryable: true, drop: { blocked: false } });
    expect(first.drop.messageIds).toHaveLength(t.part.pages.length - 1);
    const second = await t.poster.post(first.drop, extras, true);
    expect(second.ok).toBe(true);
    expect(second.drop.messageIds).toHaveLength(t.part.pages.length);
    expect(t.pagePosts()).toHaveLength(t.part.pages.length + 1);
  });
});
