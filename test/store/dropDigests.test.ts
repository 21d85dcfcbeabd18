import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { textDigest } from "../../src/core/textDigest.js";
import type { NewDrop } from "../../src/store/DropRepository.js";
import { migrations } from "../../src/store/migrations.js";
import { Store } from "../../src/store/Store.js";
import { tempDir } from "../helpers/tempDir.js";

const key = { guildId: "100000000000000001", storyId: "drago", partId: "new-york" };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 12, minute));
const newDrop = (digest: string): NewDrop => ({
  ...key,
  channelId: "300",
  reason: "now",
  pages: 1,
  textDigest: digest,
});

let store: Store | undefined;
afterEach(() => store?.close());

describe("drops' text digests", () => {
  it("are the same for the same text and differ for another", () => {
    expect(textDigest("His fist hit the wall.")).toBe(textDigest("His fist hit the wall."));
    expect(textDigest("His fist hit the wall.")).not.toBe(textDigest("His fist hit the wall!"));
    expect(textDigest("")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keep the digest a drop was created with, a revised one, and a new one when an abandoned drop starts again", () => {
    const open = new Store(":memory:");
    store = open;
    expect(open.drops.create(newDrop("first"), at(0))?.textDigest).toBe("first");
    open.drops.setDigest(key, "revised", at(1));
    expect(open.drops.get(key)).toMatchObject({ textDigest: "revised", updatedAt: at(1) });
    open.drops.adoptDigest(key.guildId, key.storyId, key.partId, "current");
    expect(open.drops.get(key)?.textDigest).toBe("revised");
    open.drops.abandon(key, "left the story", at(2));
    expect(open.drops.create(newDrop("back"), at(3))?.textDigest).toBe("back");
  });

  it("are adopted by the drops from before they were kept, once", () => {
    const path = join(tempDir(), "serial.db");
    const db = new Database(path);
    db.exec(migrations.slice(0, 6).join(";"));
    db.pragma("user_version = 6");
    const insert = db.prepare(
      `INSERT INTO drops (guild_id, story_id, part_id, channel_id, state, reason, pages,
         created_at, updated_at, posted_at)
       VALUES (@guild, 'drago', @part, '300', 'posted', 'schedule', 1, 0, 0, 0)`,
    );
    insert.run({ guild: key.guildId, part: "new-york" });
    insert.run({ guild: key.guildId, part: "moscow" });
    db.close();

    const open = new Store(path);
    store = open;
    expect(open.drops.get(key)?.textDigest).toBeUndefined();
    open.drops.adoptDigest(key.guildId, key.storyId, key.partId, "current");
    open.drops.adoptDigest(key.guildId, key.storyId, key.partId, "later");
    expect(open.drops.get(key)).toMatchObject({ textDigest: "current", updatedAt: new Date(0) });
    expect(open.drops.get({ ...key, partId: "moscow" })?.textDigest).toBeUndefined();
  });
});
