import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logger.js";
import { reconcileAll } from "../../src/reactions/reconcileReactions.js";
import { Store } from "../../src/store/Store.js";
import { FakeDiscordRest } from "../helpers/fakeDiscordRest.js";
import { tempDir } from "../helpers/tempDir.js";

describe("the reaction catch-up after start", () => {
  it("never rejects: a server whose catch-up fails is logged and the next one is caught up", async () => {
    const store = new Store(join(tempDir(), "serial.db"));
    const lines: { msg: string; guildId?: string }[] = [];
    const log = createLogger({
      level: "info",
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    const posted = store.reactions.dropMessages.bind(store.reactions);
    vi.spyOn(store.reactions, "dropMessages").mockImplementation((guildId, storyId) => {
      if (guildId === "1") throw new Error("database disk image is malformed");
      return posted(guildId, storyId);
    });
    await expect(
      reconcileAll(["1", "2"], {
        rest: new FakeDiscordRest(),
        store,
        log,
        clock: () => new Date(),
        botUserId: "9",
        storyId: "drago",
        stopped: () => false,
      }),
    ).resolves.toBeUndefined();
    expect(lines.map((line) => [line.msg, line.guildId])).toEqual([
      ["could not catch up a server's reactions", "1"],
      ["reactions reconciled", undefined],
    ]);
    expect(store.reactions.reconciledAt("2", "drago").getTime()).toBeGreaterThan(0);
    store.close();
  });
});
