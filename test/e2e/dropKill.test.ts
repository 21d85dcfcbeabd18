import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { LocalDiscordOptions } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/sandbox/startLocalServer.js";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { eventually } from "../helpers/eventually.js";
import { spawnBot } from "../helpers/spawnBot.js";
import { tempDir } from "../helpers/tempDir.js";
import { expectVerbatimPages } from "../helpers/verbatim.js";

const servers: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.discord.close()));
});

/** `npm start` as a child process, against the local server, dropping every second. */
function startBot(server: LocalServer, database: string): ChildProcess {
  return spawnBot("index.ts", {
    ...server.env,
    DATABASE_PATH: database,
    DROP_SCHEDULE: "* * * * * *",
    LOG_LEVEL: "warn",
  }).child;
}

/** How many drops the bot's database holds as posted (read through a second connection). */
function postedDrops(database: string): number {
  if (!existsSync(database)) return 0;
  const db = new Database(database, { readonly: true, timeout: 5000 });
  try {
    const row = db
      .prepare<[], { posted: number }>(
        "SELECT count(*) AS posted FROM drops WHERE state = 'posted'",
      )
      .get();
    return row?.posted ?? 0;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/**
 * Starts the bot, SIGKILLs it the moment its `killAt`-th drop request arrives (the request is
 * still served, as Discord would), starts it again, and checks Part 1 ends up posted once.
 */
async function killAndRestart(killAt: number, options: LocalDiscordOptions = {}): Promise<void> {
  const server = await startLocalServer(options);
  servers.push(server);

  const database = join(tempDir(), "serial.db");
  let dropRequests = 0;
  const first = startBot(server, database);
  const stop = server.discord.onRequest(({ method, path }) => {
    const isDropRequest =
      (method === "POST" && path === `/channels/${server.reading.id}/messages`) ||
      (method === "PUT" && path.startsWith(`/channels/${server.reading.id}/messages/`));
    if (isDropRequest && ++dropRequests === killAt) first.kill("SIGKILL");
  });
  const [, signal] = await once(first, "exit");
  stop();
  expect(signal).toBe("SIGKILL");

  startBot(server, database);
  await eventually(
    () => postedDrops(database) >= 1,
    "the interrupted drop marked posted in the bot's database",
    20_000,
  );
  const partOne = (await loadLibrary("story")).stories[0].parts.find(
    (part) => part.id === "new-york",
  );
  const pages = server.discord
    .posts(server.reading.id)
    .filter((message) => partOne?.text.includes(message.embeds[0]?.description ?? "-"));
  expect(pages).toHaveLength(2);
  expectVerbatimPages(
    pages.map((message) => message.embeds[0]?.description ?? ""),
    [partOne?.text ?? ""],
  );
  expect(
    pages.map((message) => message.reactions?.map((reaction) => reaction.count) ?? []),
  ).toEqual([[], [1, 1, 1, 1, 1]]);
}

describe("a drop killed with SIGKILL", () => {
  // The drop's requests: 1 and 2 post the two pages of Part 1, 3 to 7 seed its five reactions.
  it.each([
    ["while posting its first page", 1],
    ["while posting its second page", 2],
    ["while seeding its reactions", 5],
  ])("%s is finished after a restart with every page posted exactly once", async (_step, killAt) =>
    killAndRestart(killAt),
  );

  // Discord forgets a nonce after a few minutes: a restart later than that finds the page among
  // the channel's latest messages instead.
  it.each([
    ["its first page", 1],
    ["its second page", 2],
  ])(
    "while posting %s, restarted after Discord forgot the nonce, posts every page once",
    async (_step, killAt) => killAndRestart(killAt, { nonceWindowMs: 0 }),
  );
});
