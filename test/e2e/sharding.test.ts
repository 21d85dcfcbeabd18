import { type ChildProcess, execFileSync } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { LocalDiscord } from "local-discord";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { chatCommands } from "../../src/commands/registry.js";
import { Store } from "../../src/store/Store.js";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { buildBot } from "../helpers/buildBot.js";
import { eventually } from "../helpers/eventually.js";
import { freePorts } from "../helpers/freePorts.js";
import { messageOf } from "../helpers/harness.js";
import { parseMetrics, sampleValue } from "../helpers/parseMetrics.js";
import { spawnBot } from "../helpers/spawnBot.js";
import { tempDir } from "../helpers/tempDir.js";
import { expectVerbatimPages } from "../helpers/verbatim.js";

const servers: LocalDiscord[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((discord) => discord.close()));
});

/** The fields of the bot's JSON log lines that the test reads; a shard's lines carry `shards`. */
const logLine = z.object({
  msg: z.string(),
  time: z.number(),
  shardId: z.number().optional(),
  delayMs: z.number().optional(),
  shards: z.array(z.number()).optional(),
  guildId: z.string().optional(),
  partId: z.string().optional(),
  guilds: z.number().optional(),
});
type LogLine = z.infer<typeof logLine>;

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Collects the JSON lines a process (and the shards sharing its stdout) writes. */
function collectLogs(child: ChildProcess): LogLine[] {
  const lines: LogLine[] = [];
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const text = pending + chunk.toString();
    const complete = text.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) {
      const parsed = logLine.safeParse(parseJson(line));
      if (parsed.success) lines.push(parsed.data);
    }
  });
  return lines;
}

describe("npm run start:sharded", () => {
  // It runs the compiled bot, as `npm run start:sharded` does: the manager and each shard on
  // plain node.
  beforeAll(buildBot, 120_000);

  it("runs two shards that each drop only in their own servers, and stops on SIGTERM", async () => {
    const discord = await LocalDiscord.start({ interactionTimeoutMs: 3000 });
    servers.push(discord);
    const guilds = [0, 1, 0, 1].map((shardId, index) => {
      const guild = discord.createGuild({ name: `Serial ${index}`, shard: [shardId, 2] });
      const reading = discord.createChannel(guild.id, { name: "reading" });
      return { id: guild.id, shardId, readingId: reading.id };
    });
    const author = discord.addMember(guilds[1]?.id ?? "", {
      username: "author",
      permissions: PermissionFlagsBits.ManageGuild,
    });
    const database = join(tempDir(), "serial.db");
    const store = new Store(database);
    for (const guild of guilds)
      store.settings.update(guild.id, "drago", { channelId: guild.readingId }, new Date());
    store.close();
    const healthPort = await freePorts(2);

    const { child: manager } = spawnBot(
      "shard.ts",
      {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DATABASE_PATH: database,
        TOTAL_SHARDS: "2",
        AUTHOR_IDS: author.id,
        DROP_SCHEDULE: "* * * * * *",
        HEALTH_PORT: String(healthPort),
      },
      { compiled: true },
    );
    const logs = collectLogs(manager);
    let stderr = "";
    manager.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const partOne = (await loadLibrary("story")).stories[0].parts.find(
      (part) => part.id === "new-york",
    );
    const partOnePosted = (line: LogLine) =>
      line.msg === "drop posted" && line.partId === "new-york";

    await eventually(
      () => new Set(logs.filter(partOnePosted).map((line) => line.guildId)).size === guilds.length,
      "Part 1 posted in every server",
      20_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nstderr of the shards:\n${stderr}`);
    });

    const sessions = discord.sessions;
    expect(sessions.map((session) => session.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const session of sessions)
      expect(session.events.filter((event) => event === "GUILD_CREATE")).toHaveLength(2);
    expect(
      logs
        .filter((line) => line.msg === "ready")
        .map((line) => [line.shards, line.guilds])
        .sort(),
    ).toEqual([
      [[0], 2],
      [[1], 2],
    ]);
    for (const guild of guilds) {
      const posted = logs.filter((line) => partOnePosted(line) && line.guildId === guild.id);
      expect(posted.map((line) => line.shards)).toEqual([[guild.shardId]]);
      const pages = discord
        .messages(guild.readingId)
        .map((message) => message.embeds[0]?.description ?? "")
        .filter((description) => description !== "" && partOne?.text.includes(description));
      expect(pages).toHaveLength(2);
      expectVerbatimPages(pages, [partOne?.text ?? ""]);
    }
    // Each shard serves its own health endpoint, on HEALTH_PORT plus its id, its shard on every sample.
    for (const shardId of [0, 1]) {
      const base = `http://127.0.0.1:${healthPort + shardId}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ discord: "ready", database: "ok" });
      const samples = parseMetrics(await (await fetch(`${base}/metrics`)).text());
      expect(new Set(samples.map((sample) => sample.labels.shard))).toEqual(
        new Set([String(shardId)]),
      );
      expect(
        sampleValue(samples, "discord_serial_drops_total", { result: "posted" }),
      ).toBeGreaterThanOrEqual(2);
    }
    expect(
      discord
        .commands()
        .map((command) => command.name)
        .sort(),
    ).toEqual([...chatCommands.keys()].sort());

    // /serial reload in one shard's server reloads the story folder in every shard.
    const reload = await discord.runCommand({
      channelId: guilds[1]?.readingId ?? "",
      userId: author.id,
      name: "serial reload",
    });
    expect(messageOf(reload).content).toMatch(/^Reloaded the story folder: 1 story/);
    await eventually(
      () =>
        logs
          .filter((line) => line.msg === "story folder reloaded")
          .map((line) => line.shards?.join())
          .sort()
          .join(" ") === "0 1",
      "both shards to reload",
    );

    // A shard that dies is started again, after a pause (not in a tight loop).
    const [shardPid] = execFileSync("pgrep", ["-P", String(manager.pid), "-f", "dist/index.js"], {
      encoding: "utf8",
    })
      .split("\n")
      .filter((pid) => pid !== "")
      .map(Number);
    process.kill(shardPid ?? 0, "SIGKILL");
    await eventually(
      () => logs.filter((line) => line.msg === "shard ready").length === 3,
      "the killed shard to be ready again",
      20_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${JSON.stringify(logs.slice(-8))}\n${stderr}`);
    });
    const death = logs.find((line) => line.msg === "shard process exited; starting it again");
    const back = logs.filter((line) => line.msg === "shard ready").at(-1);
    expect(death?.delayMs).toBe(1000);
    expect(back?.shardId).toBe(death?.shardId);
    expect((back?.time ?? 0) - (death?.time ?? 0)).toBeGreaterThanOrEqual(1000);

    const exited = once(manager, "exit", { signal: AbortSignal.timeout(10_000) });
    manager.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    expect(
      logs
        .filter((line) => line.msg === "stopped")
        .map((line) => line.shards)
        .sort(),
    ).toEqual([[0], [1]]);
    expect(stderr).toBe("");
    expect(discord.sessions.filter((session) => session.connected)).toEqual([]);
  }, 45_000);

  it("refuses to start shards whose health ports would pass 65535, naming HEALTH_PORT", async () => {
    const discord = await LocalDiscord.start();
    servers.push(discord);
    const { child: manager } = spawnBot(
      "shard.ts",
      {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DATABASE_PATH: join(tempDir(), "serial.db"),
        TOTAL_SHARDS: "3",
        HEALTH_PORT: "65534",
      },
      { compiled: true },
    );
    let stderr = "";
    manager.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(manager, "exit", { signal: AbortSignal.timeout(10_000) });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /shard 2 would serve its health endpoint on port 65536.*HEALTH_PORT to 65533/,
    );
    expect(discord.sessions).toEqual([]);
  });
});
