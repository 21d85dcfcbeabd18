import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/logger.js";
import { LiveReactionChanges } from "../../src/reactions/LiveReactionChanges.js";
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
        live: new LiveReactionChanges(),
      }),
    ).resolves.toBeUndefined();
    expect(lines.map((line) => [line.msg, line.guildId])).toEqual([
      ["could not catch up a server's reactions", "1"],
      ["reactions reconciled", undefined],
    ]);
    expect(store.reactions.reconciledAt("2", "drago").getTime()).toBeGreaterThan(0);
    store.close();
  });

  it("does not undo a live reaction event that arrives while it reads the message: it reads it again", async () => {
    const store = new Store(join(tempDir(), "serial.db"));
    const key = { guildId: "1", storyId: "drago", partId: "new-york" };
    store.drops.create(
      { ...key, channelId: "50", reason: "now", pages: 1, textDigest: "d" },
      new Date(),
    );
    store.drops.recordMessage(key, 0, "70", new Date());
    store.reactions.add(key, "70", "reader", "❤️", new Date());
    const live = new LiveReactionChanges();
    const rest = new FakeDiscordRest();
    let hearts = ["reader"];
    rest.answer = (call) => {
      if (call.route === "/channels/50/messages/70")
        return { reactions: hearts.length === 0 ? [] : [{ emoji: { id: null, name: "❤️" } }] };
      const answer = hearts.map((id) => ({ id }));
      if (hearts.length > 0) {
        // The reader takes the ❤️ back while the catch-up reads it: the live event comes first.
        hearts = [];
        live.touch("70");
        store.reactions.remove("1", "70", "reader", "❤️");
      }
      return answer;
    };
    await reconcileAll(["1"], {
      rest,
      store,
      log: createLogger({ level: "silent" }),
      clock: () => new Date(),
      botUserId: "9",
      storyId: "drago",
      stopped: () => false,
      live,
    });
    expect(store.reactions.tallies("1", "drago", [])).toEqual([]);
    expect(rest.calls.filter((call) => call.route === "/channels/50/messages/70")).toHaveLength(2);
    store.close();
  });
});
