import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DefaultRestOptions } from "discord.js";
import type { RateLimitRule, RecordedRequest } from "local-discord";
import {
  type CreatedChannel,
  type CreatedGuild,
  DEFAULT_GLOBAL_LIMIT,
  DEFAULT_ROUTE_LIMITS,
  LocalDiscord,
} from "local-discord";
import { type Book, bindBook } from "../src/core/Book.js";
import { nextScheduledPart } from "../src/core/dueDrops.js";
import { Store } from "../src/store/Store.js";
import { loadLibrary } from "../src/story/loadLibrary.js";
import { type StartedProcess, startProcess } from "../test/helpers/startProcess.js";
import type { Benchmark, BenchRow, Progress } from "./BenchRow.js";
import { ratioRow } from "./BenchRow.js";

const GROUP = "2. Drop fan-out";
/** The servers the part is dropped to, each with its own reading channel. */
const GUILDS = 1000;
/** The drop time is this far after the bot is started: it must be connected to every server by then. */
const START_MARGIN_MS = 12_000;
/** The drop must end within this multiple of the least time the rate limits allow. */
const TARGET_RATIO = 1.05;
/** How long to wait for the drop past that target before calling what is missing lost. */
const GRACE_MS = 30_000;

/** How often the drop's progress is said while it runs. */
const PROGRESS_EVERY_MS = 15_000;
const MESSAGE_ROUTE = "POST /channels/:channel/messages";
const REACTION_ROUTE = "PUT /channels/:channel/messages/:message/reactions/:emoji/@me";

/** One server of the run and the channel its part is dropped to. */
interface Server {
  readonly guild: CreatedGuild;
  readonly reading: CreatedChannel;
}

/** What one drop sends to each server: its pages, then the reactions the poster seeds on the last. */
interface DropShape {
  readonly storyId: string;
  readonly partId: string;
  readonly pageTexts: readonly string[];
  readonly emoji: readonly string[];
}

export const dropFanout: Benchmark = {
  name: "drop-fanout",
  run: (progress) => measureDropFanout(GUILDS, progress),
};

/**
 * Drops the story's first part to `guildCount` servers at one scheduled time, against a local
 * Discord with Discord's limits, and compares the time to the last request answered with the
 * least time those limits allow; counts 429s and servers that did not get their part exactly once.
 */
async function measureDropFanout(guildCount: number, progress: Progress): Promise<BenchRow[]> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const shape = dropShape(bindBook((await loadLibrary(join(root, "story"))).stories[0]));
  const discord = await LocalDiscord.start({ checkSpec: false });
  const dir = mkdtempSync(join(tmpdir(), "drop-fanout-"));
  let bot: StartedProcess | undefined;
  try {
    progress(`${guildCount} servers with a reading channel each`);
    const servers = createServers(discord, guildCount);
    const databasePath = join(dir, "serial.db");
    seedReadingChannels(databasePath, shape.storyId, servers);
    const dropAt = wholeSecondAfter(Date.now() + START_MARGIN_MS);
    bot = startProcess("src/index.ts", {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_PATH: databasePath,
      DROP_SCHEDULE: oneShotCron(dropAt),
      DROP_TIMEZONE: "UTC",
      LOG_LEVEL: "info",
    });
    await bot.waitForOutput('"msg":"ready"', START_MARGIN_MS);
    const readyAt = Date.now();
    if (readyAt >= dropAt) {
      throw new Error(`the bot was ready ${readyAt - dropAt} ms after the drop time`);
    }
    const readingIds = new Set(servers.map((server) => server.reading.id));
    const expected = guildCount * (shape.pageTexts.length + shape.emoji.length);
    const baselineMs = leastDropMs(expected, shape);
    progress(
      `the bot is ready; the drop starts in ${Math.max(0, dropAt - Date.now())} ms and takes at least ${Math.round(baselineMs / 1000)} s`,
    );
    const before = { wall: Date.now(), bench: process.cpuUsage(), bot: cpuMs(bot) };
    let said = Date.now();
    await waitUntil(
      () => {
        const done = dropRequests(discord.requests, readingIds).filter(succeeded).length;
        if (Date.now() - said >= PROGRESS_EVERY_MS) {
          said = Date.now();
          progress(
            `${done.toLocaleString("en")} of ${expected.toLocaleString("en")} requests answered`,
          );
        }
        return done >= expected;
      },
      dropAt + baselineMs * TARGET_RATIO + GRACE_MS,
    );
    const wallMs = Date.now() - before.wall;
    const cpu = { bench: cpuSince(before.bench), bot: cpuMs(bot) - before.bot };
    const botRss = bot.rss();
    await bot.stop();
    const requests = dropRequests(discord.requests, readingIds);
    const answered = requests.filter(succeeded);
    if (answered.length === 0) throw new Error("the bot answered no drop request");
    const firstMs = Math.min(...requests.map((request) => request.at)) - dropAt;
    const measuredMs = Math.max(...answered.map((request) => request.at)) - dropAt;
    const violations = discord.rateLimitViolations;
    const globalViolations = violations.filter((violation) => violation.global).length;
    const lost = lostServers(discord, databasePath, servers, shape);
    const cpuNote = `bot ${percent(cpu.bot, wallMs)} CPU and ${mib(botRss)} MiB; local Discord (this process) ${percent(cpu.bench, wallMs)} CPU and ${mib(process.memoryUsage().rss)} MiB`;
    return [
      ratioRow({
        group: GROUP,
        figure: `${guildCount} servers × ${shape.pageTexts.length} pages + ${shape.emoji.length} reactions: drop time to last answer`,
        value: measuredMs / 1000,
        unit: "s",
        baseline: { name: "least the limits allow", value: baselineMs / 1000 },
        target: `ratio ≤ ${TARGET_RATIO}`,
        holds: (ratio) => answered.length === expected && ratio <= TARGET_RATIO,
        note: `${answered.length} of ${expected} requests answered; first ${firstMs} ms after the drop time; ${cpuNote}`,
        heldBack: offsetFloor(expected, baselineMs),
      }),
      {
        group: GROUP,
        figure: "429s after the first",
        value: Math.max(0, violations.length - 1),
        unit: "",
        target: "0",
        holds: violations.length <= 1,
        note: `${violations.length} 429s in all, ${globalViolations} of them global`,
      },
      {
        group: GROUP,
        figure: "servers whose part was lost, split or repeated",
        value: lost.length,
        unit: "",
        target: "0",
        holds: lost.length === 0,
        ...(lost.length === 0 ? {} : { note: `e.g. ${lost.slice(0, 3).join("; ")}` }),
      },
    ];
  } finally {
    await bot?.stop();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The part a first scheduled drop posts, and the reactions seeded on it. */
function dropShape(book: Book): DropShape {
  const part = nextScheduledPart(book, new Set());
  if (part === undefined) throw new Error("the story has no scene to drop");
  return {
    storyId: book.story.meta.id,
    partId: part.part.id,
    pageTexts: part.pages.map((page) => page.text),
    emoji: book.story.meta.reactions,
  };
}

/** `count` servers, each with a #reading channel. */
function createServers(discord: LocalDiscord, count: number): Server[] {
  return Array.from({ length: count }, (_, index) => {
    const guild = discord.createGuild({ name: `Server ${index + 1}` });
    return { guild, reading: discord.createChannel(guild.id, { name: "reading" }) };
  });
}

/** Sets each server's reading channel in a new database, as `/serial channel` would. */
function seedReadingChannels(
  databasePath: string,
  storyId: string,
  servers: readonly Server[],
): void {
  const store = new Store(databasePath);
  try {
    const now = new Date();
    store.transaction(() => {
      for (const { guild, reading } of servers) {
        store.settings.update(guild.id, storyId, { channelId: reading.id }, now);
      }
    });
  } finally {
    store.close();
  }
}

/** The first whole second at or after `time` (cron fires on whole seconds). */
function wholeSecondAfter(time: number): number {
  return Math.ceil(time / 1000) * 1000;
}

/** A cron expression (with seconds, in UTC) that fires at `time` and not again within the year. */
function oneShotCron(time: number): string {
  const at = new Date(time);
  return [
    at.getUTCSeconds(),
    at.getUTCMinutes(),
    at.getUTCHours(),
    at.getUTCDate(),
    at.getUTCMonth() + 1,
    "*",
  ].join(" ");
}

/**
 * The least time, from the first request of the drop to its last, that the local Discord's limits
 * (Discord's) allow for `total` requests, `shape` per server:
 *
 * - Global: fixed windows of `limit` requests per `windowMs` (50 per second), each opened by the
 *   first request after the previous one closed. `total` requests fill at least
 *   ⌈total / limit⌉ windows, and the last of them opens at least (⌈total / limit⌉ − 1) × windowMs
 *   after the first request.
 * - Per channel: the pages go out one after another, `limit` per `windowMs` (5 per 5 s), so the
 *   last one at least (⌈pages / limit⌉ − 1) × windowMs after the first; the reactions are put on
 *   the last page, so after it, one per window (one per 250 ms): (reactions − 1) × windowMs more.
 *
 * Both must hold, so the least time is the larger.
 */
function leastDropMs(total: number, shape: DropShape): number {
  const global =
    (Math.ceil(total / DEFAULT_GLOBAL_LIMIT.limit) - 1) * DEFAULT_GLOBAL_LIMIT.windowMs;
  const messages = routeRule(MESSAGE_ROUTE);
  const reactions = routeRule(REACTION_ROUTE);
  const perChannel =
    (Math.ceil(shape.pageTexts.length / messages.limit) - 1) * messages.windowMs +
    Math.max(0, shape.emoji.length - 1) * reactions.windowMs;
  return Math.max(global, perChannel);
}

/**
 * What holds the drop back from the least time: discord.js waits its rate-limit offset (50 ms by
 * default, for the time a request takes to reach Discord, whose window opens when the first
 * request arrives) past the end of each global window before it opens the next.
 */
function offsetFloor(total: number, leastMs: number): string {
  const windows = Math.ceil(total / DEFAULT_GLOBAL_LIMIT.limit);
  const floorMs = leastMs + (windows - 1) * DefaultRestOptions.offset;
  return `discord.js opens each global window its rate-limit offset (${DefaultRestOptions.offset} ms) after the last one closed: over ${windows} windows that makes ${(floorMs / 1000).toFixed(2)} s at least, a ratio of ${(floorMs / leastMs).toFixed(3)}; a smaller offset would send a window's first requests before Discord's own window closed (429s)`;
}

function routeRule(route: keyof typeof DEFAULT_ROUTE_LIMITS): RateLimitRule {
  const rule = DEFAULT_ROUTE_LIMITS[route];
  if (rule === undefined) throw new Error(`no rate limit for ${route}`);
  return rule;
}

/** The requests of the drop: pages posted to, and reactions put in, the reading channels. */
function dropRequests(
  requests: readonly RecordedRequest[],
  readingIds: ReadonlySet<string>,
): RecordedRequest[] {
  return requests.filter(
    (request) =>
      (request.route === MESSAGE_ROUTE || request.route === REACTION_ROUTE) &&
      readingIds.has(request.path.split("/")[2] ?? ""),
  );
}

function succeeded(request: RecordedRequest): boolean {
  return request.status >= 200 && request.status < 300;
}

/** Resolves when `done()` holds, checked every 250 ms, or at `deadline` (a time) regardless. */
async function waitUntil(done: () => boolean, deadline: number): Promise<void> {
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The servers that did not get the part exactly once, each with what is wrong: its channel must
 * hold the part's pages once each, in order, the last with every reaction seeded, and the bot's
 * database must have the drop posted with those messages and the part released.
 */
function lostServers(
  discord: LocalDiscord,
  databasePath: string,
  servers: readonly Server[],
  shape: DropShape,
): string[] {
  const store = new Store(databasePath);
  try {
    return servers.flatMap(({ guild, reading }) => {
      const posts = discord.posts(reading.id);
      const texts = posts.map((post) => post.embeds[0]?.description);
      const seeded = posts.at(-1)?.reactions?.filter((reaction) => reaction.me) ?? [];
      const drop = store.drops.get({
        guildId: guild.id,
        storyId: shape.storyId,
        partId: shape.partId,
      });
      const problems = [
        ...(sameList(texts, shape.pageTexts) ? [] : [`${posts.length} posts`]),
        ...(seeded.length === shape.emoji.length ? [] : [`${seeded.length} reactions`]),
        ...(drop?.state === "posted" ? [] : [`drop ${drop?.state ?? "missing"}`]),
        ...(sameList(
          drop?.messageIds ?? [],
          posts.map((post) => post.id),
        )
          ? []
          : ["stored message ids differ"]),
        ...(store.releases.releasedIds(guild.id, shape.storyId).has(shape.partId)
          ? []
          : ["not released"]),
      ];
      return problems.length === 0 ? [] : [`${guild.name}: ${problems.join(", ")}`];
    });
  } finally {
    store.close();
  }
}

function sameList(actual: readonly unknown[], expected: readonly unknown[]): boolean {
  return (
    actual.length === expected.length && actual.every((item, index) => item === expected[index])
  );
}

/** CPU time the process has used so far, in ms (Linux /proc/PID/schedstat, in ns). */
function cpuMs(bot: StartedProcess): number {
  const [onCpuNs] = readFileSync(`/proc/${bot.child.pid}/schedstat`, "utf8").split(" ");
  return Number(onCpuNs) / 1e6;
}

function cpuSince(before: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

function percent(cpu: number, wall: number): string {
  return `${Math.round((cpu / wall) * 100)}%`;
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
