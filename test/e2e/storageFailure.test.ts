import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buttonOn, embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  vi.restoreAllMocks();
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

describe("a database that cannot save", () => {
  it("answers a page turn it could not save without claiming it was saved, and keeps the place", async () => {
    h = await startHarness();
    const where = { channelId: h.reading.id, userId: h.reader.id };
    const first = await h.discord.runCommand({ ...where, name: "next" });
    const key = { guildId: h.guild.id, userId: h.reader.id, storyId: "drago" };
    const saved = h.app.store.progress.get(key);
    expect(saved).toBeDefined();

    const full = vi.spyOn(h.app.store.progress, "save").mockImplementation(() => {
      throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
    });
    const press = () =>
      h.discord.clickButton({
        userId: h.reader.id,
        message: messageOf(first),
        customId: buttonOn(messageOf(first), "Next part"),
      });
    const refused = messageOf(await press());
    expect(refused.content).toMatch(
      /^The bot's storage is failing right now, so I couldn't finish that/,
    );
    expect(refused.content).not.toMatch(/is saved/);
    expect(h.app.store.progress.get(key)).toEqual(saved);

    full.mockRestore();
    const turned = await press();
    expect(embedOf(turned).description).not.toBe(embedOf(first).description);
    expect(h.app.store.progress.get(key)).not.toEqual(saved);
  });
});
