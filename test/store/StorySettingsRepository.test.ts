import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const guildId = "100000000000000001";
const otherGuild = "100000000000000002";
const now = new Date("2026-11-24T12:00:00Z");

let store: Store | undefined;
afterEach(() => store?.close());

/**
 * A database as version 6 left it, with settings for two servers and a notice told to one, and
 * no story data at all.
 */
function settingsWithoutStory(path: string): void {
  const db = new Database(path);
  db.exec(migrations.slice(0, 6).join(";"));
  db.pragma("user_version = 6");
  const insert = db.prepare(
    "INSERT INTO guild_settings (guild_id, channel_id, paused, updated_at) VALUES (?, ?, ?, 0)",
  );
  insert.run(guildId, "300000000000000001", 1);
  insert.run(otherGuild, "300000000000000002", 0);
  db.prepare("INSERT INTO author_notices VALUES (?, 'schedule', 'too often', 0)").run(guildId);
  db.close();
}

describe("StorySettingsRepository", () => {
  it("keeps each server's settings per story, all unset until changed", () => {
    const open = new Store(":memory:");
    store = open;
    expect(open.settings.get(guildId, "drago")).toEqual({
      guildId,
      storyId: "drago",
      channelId: undefined,
      schedule: undefined,
      timezone: undefined,
      paused: false,
      pingRoleId: undefined,
      threads: false,
      revisions: "note",
      nextDropAt: undefined,
    });
    open.settings.update(guildId, "drago", { channelId: "300", schedule: "0 18 * * 5" }, now);
    expect(open.settings.update(guildId, "drago", { paused: true }, now)).toMatchObject({
      storyId: "drago",
      channelId: "300",
      schedule: "0 18 * * 5",
      paused: true,
    });
    open.settings.update(guildId, "tea", { channelId: "301", nextDropAt: now }, now);
    expect(open.settings.get(guildId, "drago")).toMatchObject({ channelId: "300", paused: true });
    expect(open.settings.get(guildId, "tea")).toMatchObject({
      channelId: "301",
      paused: false,
      nextDropAt: now,
    });
    expect(open.settings.get(otherGuild, "drago").channelId).toBeUndefined();
  });

  it("gives the first story the settings of a database that knew no story, once, and keeps a server's own", () => {
    const path = join(tempDir(), "serial.db");
    settingsWithoutStory(path);
    const open = new Store(path);
    store = open;
    expect(open.settings.get(guildId, "drago").channelId).toBeUndefined();
    open.settings.update(otherGuild, "drago", { channelId: "300000000000000009" }, now);

    open.settings.claimUnassigned("drago");
    expect(open.settings.get(guildId, "drago")).toMatchObject({
      channelId: "300000000000000001",
      paused: true,
    });
    expect(open.settings.get(otherGuild, "drago").channelId).toBe("300000000000000009");
    expect(open.settings.get(guildId, "").channelId).toBeUndefined();
    expect(open.settings.get(otherGuild, "").channelId).toBeUndefined();

    open.settings.claimUnassigned("tea");
    expect(open.settings.get(guildId, "tea").channelId).toBeUndefined();
    expect(open.settings.get(guildId, "drago").channelId).toBe("300000000000000001");
    // The notice was only a mark of what was told, in no story the database knew: it went.
    expect(open.authorNotices.tell(guildId, "drago", "schedule", "too often", now)).toBe(true);
  });
});
