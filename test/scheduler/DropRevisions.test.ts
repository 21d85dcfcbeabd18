import { join } from "node:path";
import { RESTJSONErrorCodes } from "discord.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { type Book, bindBook } from "../../src/core/Book.js";
import type { EffectiveSettings, Revisions } from "../../src/core/drop.js";
import { DropRevisions } from "../../src/scheduler/DropRevisions.js";
import { Store } from "../../src/store/Store.js";
import { discordError, FakeDiscordRest } from "../helpers/fakeDiscordRest.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";
import { tempDir } from "../helpers/tempDir.js";

const GUILD = "100000000000000001";
const now = new Date("2026-12-01T12:00:00Z");

/** A posted drop of Part 1 (message ids 700, 701, …), and revisions that read `book()` now. */
function setup(revisions: Revisions) {
  const store = new Store(join(tempDir(), "serial.db"));
  const story = (text: string) => bindBook(storyFixture([{ id: "one", text }], 800));
  let book = story(prose(6, 8, "One"));
  const part = book.part("one");
  if (part === undefined || part.pages.length < 2) throw new Error("Part 1 needs two pages");
  const key = { guildId: GUILD, storyId: "fixture", partId: "one" };
  const pages = part.pages.length;
  store.drops.create(
    { ...key, channelId: "500", reason: "now", pages, textDigest: part.digest },
    now,
  );
  for (let page = 0; page < pages; page += 1) {
    store.drops.recordMessage(key, page, String(700 + page), now);
  }
  store.drops.markPosted(key, now, () => undefined);
  const rest = new FakeDiscordRest();
  const settings: EffectiveSettings = {
    channelId: "500",
    schedule: undefined,
    timezone: "UTC",
    paused: false,
    pingRoleId: undefined,
    threads: false,
    revisions,
  };
  const revise = new DropRevisions({
    rest,
    store,
    book: () => book,
    log: pino({ level: "silent" }),
    clock: () => now,
    settingsFor: () => settings,
  });
  const edit = (next: Book) => {
    book = next;
  };
  const digest = () => store.drops.get(key)?.textDigest;
  return { store, key, rest, revise, edit, story, digest, part, pages };
}

describe("DropRevisions", () => {
  it("spends no request on a part whose text is what was posted", async () => {
    const t = setup("note");
    await t.revise.reviseIn(GUILD);
    expect(t.rest.calls).toEqual([]);
  });

  it("edits each message in place when the edited part still has as many pages, once", async () => {
    const t = setup("note");
    const edited = t.story(prose(6, 8, "One").replace("sentence 3", "sentence three"));
    t.edit(edited);
    await t.revise.reviseIn(GUILD);
    expect(edited.part("one")?.pages).toHaveLength(t.pages);
    expect(t.rest.calls.map((call) => `${call.method} ${call.route}`)).toEqual(
      Array.from({ length: t.pages }, (_, page) => `PATCH /channels/500/messages/${700 + page}`),
    );
    expect(t.digest()).toBe(edited.part("one")?.digest);
    await t.revise.reviseIn(GUILD);
    expect(t.rest.calls).toHaveLength(t.pages);
  });

  it("posts the whole part again under a repost, with its reactions, and keeps the new messages", async () => {
    const t = setup("repost");
    const longer = t.story(prose(12, 8, "One"));
    const pages = longer.part("one")?.pages.length ?? 0;
    expect(pages).toBeGreaterThan(t.pages);
    t.edit(longer);
    await t.revise.reviseIn(GUILD);
    expect(t.rest.calls.filter((call) => call.method === "POST")).toHaveLength(pages);
    expect(t.rest.calls.filter((call) => call.method === "PUT")).toHaveLength(
      longer.story.meta.reactions.length,
    );
    expect(t.store.drops.get(t.key)?.messageIds).toHaveLength(pages);
    expect(t.store.drops.get(t.key)?.messageIds).not.toContain("700");
    expect(t.digest()).toBe(longer.part("one")?.digest);
  });

  it("leaves the channel's copy under leave, and notes it under note when a message is gone", async () => {
    const left = setup("leave");
    left.edit(left.story(prose(12, 8, "One")));
    await left.revise.reviseIn(GUILD);
    expect(left.rest.calls).toEqual([]);
    expect(left.digest()).not.toBe(left.part.digest);
    await left.revise.reviseIn(GUILD);
    expect(left.rest.calls).toEqual([]);

    const noted = setup("note");
    noted.rest.answer = (call) => {
      if (call.method === "PATCH")
        throw discordError(404, RESTJSONErrorCodes.UnknownMessage, "Unknown Message");
      return { id: "800" };
    };
    noted.edit(noted.story(prose(6, 8, "One").replace("sentence 3", "sentence three")));
    await noted.revise.reviseIn(GUILD);
    const note = noted.rest.calls.find((call) => call.method === "POST");
    expect(Reflect.get(Object(note?.body), "content")).toMatch(/The author revised \*\*Part 1/);
  });
});
