import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIMessage } from "discord-api-types/v10";
import type { InteractionOutcome } from "local-discord";
import { LocalDiscord } from "local-discord";
import { bindBook } from "../src/core/Book.js";
import { Store } from "../src/store/Store.js";
import { loadLibrary } from "../src/story/loadLibrary.js";
import { type StartedProcess, startProcess } from "../test/helpers/startProcess.js";
import { type Benchmark, type BenchRow, type Progress, ratioRow } from "./BenchRow.js";
import { compiled } from "./compiled.js";
import { inspectorUrl, measureRss } from "./measureRss.js";

/**
 * 3. Memory: the resident memory of a client connected to 2,500 servers of 50 channels each (one
 * shard's maximum), after 10,000 interactions and after 10,000 more, each batch from members it
 * has not seen before (a /next, then Next presses). The baseline is a discord.js client with
 * default caches on the same servers, driven the same way, in the same run. Both run compiled on
 * plain Node, as `npm start` runs the bot, so neither carries a TypeScript loader.
 */
export const memory: Benchmark = { name: "memory", run };

const GROUP = "3. Memory";
const GUILDS = 2500;
const CHANNELS_PER_GUILD = 50;
const INTERACTIONS = 10_000;
/** Each member types /next, then presses Next on each answer: this many interactions in all. */
const INTERACTIONS_PER_MEMBER = 4;
/** The labels of the buttons that turn to the next page. */
const NEXT_LABELS: readonly string[] = ["Next", "Next part"];
/** Members reading at once. */
const CONCURRENCY = 32;
const RATIO_TARGET = 0.6;
/** How far RSS may move over the second batch, as a share of what it was after the first. */
const FLATNESS = 0.05;
const root = new URL("..", import.meta.url).pathname;
const MiB = 2 ** 20;

/** A client under test: its script, and what it needs besides the token and API address. */
interface Target {
  readonly name: string;
  readonly script: string;
  readonly readyText: string;
  /** Settings for this run; `world` is the servers it will serve. */
  prepare(dir: string, world: readonly WorldGuild[]): Promise<Record<string, string>>;
}

/** Resident memory after each batch of interactions, in bytes. */
interface Footprint {
  readonly connected: number;
  readonly afterBatches: readonly number[];
}

interface WorldGuild {
  readonly id: string;
  readonly channelIds: readonly string[];
}

async function run(progress: Progress): Promise<BenchRow[]> {
  const bot = await footprint(botTarget, progress);
  const baseline = await footprint(baselineTarget, progress);
  return [sizeRow(bot, baseline), flatRow(bot, baseline)];
}

/** The bot as in production: in every server, a reading channel chosen and the first part released. */
const botTarget: Target = {
  name: "bot",
  script: "src/index.ts",
  readyText: '"msg":"ready"',
  async prepare(dir, world) {
    const databasePath = join(dir, "serial.db");
    await setUpServers(databasePath, world);
    return { DATABASE_PATH: databasePath };
  },
};

const baselineTarget: Target = {
  name: "discord.js default caches",
  script: "bench/defaultCacheClient.ts",
  readyText: '"msg":"ready"',
  async prepare() {
    return {};
  },
};

/**
 * In every server, chooses the second channel as the reading channel and marks the story's first
 * scene released, as `/serial channel` and `/serial release-next` would.
 */
async function setUpServers(databasePath: string, world: readonly WorldGuild[]): Promise<void> {
  const book = bindBook((await loadLibrary(join(root, "story"))).stories[0]);
  const first = book.parts.find((bookPart) => bookPart.part.kind === "scene");
  if (first === undefined) throw new Error("the story has no scene to release");
  const store = new Store(databasePath);
  try {
    const now = new Date();
    store.transaction(() => {
      for (const { id, channelIds } of world) {
        store.settings.update(id, book.story.meta.id, { channelId: channelIds[1] }, now);
        store.releases.add(id, book.story.meta.id, first.part.id, now);
      }
    });
  } finally {
    store.close();
  }
}

/** Starts a local Discord with the servers, connects the target to it, and measures it. */
async function footprint(target: Target, progress: Progress): Promise<Footprint> {
  progress(`${target.name}: building the servers and starting it`);
  const discord = await LocalDiscord.start({ checkSpec: false });
  const world = buildWorld(discord);
  const dir = mkdtempSync(join(tmpdir(), "bench-memory-"));
  try {
    const env = await target.prepare(dir, world);
    const client = startProcess(
      compiled(target.script),
      { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, ...env },
      ["--inspect=127.0.0.1:0"],
    );
    try {
      return await measureBatches(target, client, discord, world, progress);
    } finally {
      await client.stop();
    }
  } finally {
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The client's RSS once connected, and after each batch of interactions. */
async function measureBatches(
  target: Target,
  client: StartedProcess,
  discord: LocalDiscord,
  world: readonly WorldGuild[],
  progress: Progress,
): Promise<Footprint> {
  const inspector = inspectorUrl(client);
  await client.waitForOutput(target.readyText, 120_000);
  const connected = await measureRss(client, await inspector);
  const afterBatches: number[] = [];
  for (const batch of [1, 2]) {
    const started = Date.now();
    const pages = await interactBatch(discord, world, `b${batch}`);
    const rss = await measureRss(client, await inspector);
    afterBatches.push(rss.collected);
    progress(
      `${target.name}: batch ${batch} in ${Date.now() - started} ms (${count(pages)} answers were pages); RSS ${mib(rss.idle)} MiB idle, ${mib(rss.collected)} MiB after a full GC`,
    );
  }
  return { connected: connected.collected, afterBatches };
}

/** 2,500 servers with #general and 49 more text channels each. */
function buildWorld(discord: LocalDiscord): WorldGuild[] {
  return Array.from({ length: GUILDS }, (_, index) => {
    const guild = discord.createGuild({ name: `Server ${index}` });
    const more = Array.from(
      { length: CHANNELS_PER_GUILD - 1 },
      (_, channel) => discord.createChannel(guild.id, { name: `channel-${channel}` }).id,
    );
    return { id: guild.id, channelIds: [guild.systemChannelId, ...more] };
  });
}

/**
 * INTERACTIONS interactions from new members, one per server in turn, each in a channel of its
 * server: /next, then Next on each answer (/next again where there is none). Resolves with how
 * many answers were pages (an embed with Next).
 */
async function interactBatch(
  discord: LocalDiscord,
  world: readonly WorldGuild[],
  batch: string,
): Promise<number> {
  const members = INTERACTIONS / INTERACTIONS_PER_MEMBER;
  let nextMember = 0;
  let pages = 0;
  const worker = async () => {
    while (nextMember < members) {
      const index = nextMember++;
      const guild = world[index % world.length];
      const channelId = guild?.channelIds[index % CHANNELS_PER_GUILD];
      if (guild === undefined || channelId === undefined) throw new Error("no such server");
      const member = discord.addMember(guild.id, { username: `reader-${batch}-${index}` });
      const read = await readPages(discord, member.id, channelId);
      pages += read;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return pages;
}

/**
 * One member's reading: /next, then Next on each answer, INTERACTIONS_PER_MEMBER interactions in
 * all; resolves with how many answers were pages.
 */
async function readPages(
  discord: LocalDiscord,
  userId: string,
  channelId: string,
): Promise<number> {
  const command = () => discord.runCommand({ channelId, userId, name: "next" });
  let message = messageOf(await command());
  let pages = 0;
  for (let done = 1; ; done++) {
    const next = nextButton(message);
    if (next !== undefined && (message.embeds?.length ?? 0) > 0) pages += 1;
    if (done === INTERACTIONS_PER_MEMBER) return pages;
    message = messageOf(
      next === undefined
        ? await command()
        : await discord.clickButton({ userId, message, customId: next }),
    );
  }
}

function messageOf(outcome: InteractionOutcome): APIMessage {
  if (!("message" in outcome)) throw new Error(`expected a message, got type ${outcome.type}`);
  return outcome.message;
}

/** The custom_id of the button that turns the page ("Next", or "Next part"), if there is one. */
function nextButton(message: APIMessage): string | undefined {
  for (const row of message.components ?? []) {
    if (!("components" in row)) continue;
    for (const component of row.components) {
      if (
        "custom_id" in component &&
        "label" in component &&
        NEXT_LABELS.includes(component.label ?? "")
      ) {
        return component.custom_id;
      }
    }
  }
  return undefined;
}

function mib(bytes: number): number {
  return Math.round(bytes / MiB);
}

function sizeRow(bot: Footprint, baseline: Footprint): BenchRow {
  const ours = mib(bot.afterBatches[0] ?? Number.NaN);
  const theirs = mib(baseline.afterBatches[0] ?? Number.NaN);
  const connected = `after a full GC; connected: bot ${mib(bot.connected)} MiB, baseline ${mib(baseline.connected)} MiB`;
  return ratioRow({
    group: GROUP,
    figure: `RSS in ${count(GUILDS)} servers × ${CHANNELS_PER_GUILD} channels after ${count(INTERACTIONS)} interactions`,
    value: ours,
    unit: "MiB",
    baseline: { name: baselineTarget.name, value: theirs },
    target: `ratio ≤ ${RATIO_TARGET}`,
    holds: (ratio) => ratio <= RATIO_TARGET,
    note: connected,
  });
}

function flatRow(bot: Footprint, baseline: Footprint): BenchRow {
  const [first = Number.NaN, second = Number.NaN] = bot.afterBatches;
  const [theirFirst = Number.NaN, theirSecond = Number.NaN] = baseline.afterBatches;
  return ratioRow({
    group: GROUP,
    figure: `RSS after ${count(INTERACTIONS)} more interactions`,
    value: mib(second),
    unit: "MiB",
    baseline: { name: `bot after the first ${count(INTERACTIONS)}`, value: mib(first) },
    target: `within ${Math.round(FLATNESS * 100)}% (ratio ${1 - FLATNESS}–${1 + FLATNESS})`,
    holds: (ratio) => Math.abs(ratio - 1) <= FLATNESS,
    note: `after a full GC; the baseline went from ${mib(theirFirst)} to ${mib(theirSecond)} MiB`,
  });
}

/** A whole number with thousands separators: 10,000. */
function count(value: number): string {
  return value.toLocaleString("en");
}
