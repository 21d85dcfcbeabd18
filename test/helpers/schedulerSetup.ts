import { join } from "node:path";
import { pino } from "pino";
import { afterEach } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import type { AuthorNotice } from "../../src/scheduler/AuthorNotice.js";
import { DropNotifier } from "../../src/scheduler/DropNotifier.js";
import { DropPoster } from "../../src/scheduler/DropPoster.js";
import { DropScheduler } from "../../src/scheduler/DropScheduler.js";
import { Store } from "../../src/store/Store.js";
import { FakeDiscordRest } from "./fakeDiscordRest.js";
import { FakeSchedules } from "./fakeSchedules.js";
import { prose, storyFixture } from "./storyFixture.js";
import { tempDir } from "./tempDir.js";

export const BOT = "900000000000000009";
export const FRIDAYS = "0 18 * * 5";
export const MONDAYS = "0 9 * * 1";

/** A scheduler over a real store, with a fake REST, fake time and a clock the test sets. */
export function schedulerSetup(
  guilds: readonly string[],
  scenes = ["one", "two", "three"],
  releaseAt: Readonly<Record<string, Date>> = {},
  store = new Store(join(tempDir(), "serial.db")),
) {
  const story = storyFixture(scenes.map((id) => ({ id, text: prose(1, 2, id) })));
  const book = bindBook({
    ...story,
    parts: story.parts.map((part) =>
      releaseAt[part.id] === undefined ? part : { ...part, releaseAt: releaseAt[part.id] },
    ),
  });
  const rest = new FakeDiscordRest();
  const schedules = new FakeSchedules();
  const clock = { now: new Date("2026-12-01T12:00:00Z") };
  const told: { guildId: string; notice: AuthorNotice }[] = [];
  const log = pino({ level: "silent" });
  const options = { rest, store, book: () => book, log, clock: () => clock.now };
  const scheduler = new DropScheduler({
    ...options,
    poster: new DropPoster({ ...options, botUserId: () => BOT, backoffMs: [] }),
    notifier: new DropNotifier(options),
    schedules,
    minIntervalMs: 3_600_000,
    defaults: { channelId: undefined, schedule: undefined, timezone: "UTC" },
    guildIds: () => guilds,
    channelInGuild: () => true,
    channelProblem: async () => undefined,
    tellAuthors: async (guildId, notice) => {
      told.push({ guildId, notice });
    },
  });
  const set = (guildId: string, schedule: string | undefined) =>
    store.settings.update(
      guildId,
      book.story.meta.id,
      { channelId: `c${guildId}`, schedule },
      clock.now,
    );
  const posts = (guildId: string) =>
    rest.calls.filter(
      (call) => call.method === "POST" && call.route === `/channels/c${guildId}/messages`,
    );
  return { store, book, rest, schedules, clock, told, scheduler, set, posts };
}

/**
 * Unhandled rejections, for a test that asserts there are none: `catch()` starts collecting
 * them into `seen`; after each test of the file that calls this, collecting stops and `seen`
 * is emptied.
 */
export function unhandledRejections(): { readonly seen: unknown[]; catch(): void } {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown) => seen.push(reason);
  afterEach(() => {
    process.off("unhandledRejection", onUnhandled);
    seen.length = 0;
  });
  return { seen, catch: () => process.on("unhandledRejection", onUnhandled) };
}
