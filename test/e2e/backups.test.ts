import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { LocalDiscord } from "local-discord";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { Store } from "../../src/store/Store.js";
import { eventually } from "../helpers/eventually.js";
import { guildRows } from "../helpers/guildRows.js";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";
import { tempDir } from "../helpers/tempDir.js";

const root = new URL("../..", import.meta.url).pathname;
const BACKUP_NAME = /^serial-\d{8}T\d{6}Z\.db$/;
const EVERY_SECOND = "* * * * * *";
/** Enough readers that a backup takes many steps of the event loop (tens of ms), as a real one does. */
const READERS = 30_000;

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly path?: string;
  readonly shards?: readonly number[];
}

const parse = (lines: readonly string[]): LogLine[] =>
  lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });

describe("scheduled backups", () => {
  let h: Harness | undefined;

  afterEach(async () => {
    expect(h?.discord.unhandledRequests).toEqual([]);
    await h?.close();
    h = undefined;
  });

  it("writes a backup on schedule, keeps the newest BACKUP_KEEP, and a stop waits for the one running", async () => {
    const dir = tempDir();
    const harness = await startHarness(
      { BACKUP_DIR: dir, BACKUP_SCHEDULE: EVERY_SECOND, BACKUP_KEEP: "2" },
      {},
      { logLevel: "info" },
    );
    h = harness;
    const { discord, reading, reader, author } = harness;
    const logs = () => parse(harness.logs);
    const backedUp = () => logs().filter((line) => line.msg === "database backed up");

    expect(
      messageOf(
        await discord.runCommand({
          channelId: reading.id,
          userId: author.id,
          name: "serial release-next",
        }),
      ).content,
    ).toMatch(/^Released/);
    const opened = await discord.runCommand({
      channelId: reading.id,
      userId: reader.id,
      name: "read",
      options: { part: "new-york" },
    });
    expect(embedOf(opened).title).toBe("Part 1 · New York");
    const store = harness.app.store;
    store.transaction(() => {
      for (let index = 0; index < READERS; index += 1) {
        const userId = String(200000000000000000n + BigInt(index));
        store.progress.save(
          { guildId: harness.guild.id, userId, storyId: "drago" },
          { partId: "new-york", offset: index },
          new Date(),
        );
      }
    });
    const live = guildRows(harness.config.databasePath, harness.guild.id);
    expect(live.progress).toHaveLength(READERS + 1);

    // A backup after the first two starts as the bot is asked to stop, as on SIGTERM during one.
    const backup = store.backup.bind(store);
    const order: string[] = [];
    let stopping: Promise<void> | undefined;
    let armed = true;
    vi.spyOn(store, "backup").mockImplementation((...args) => {
      const running = backup(...args);
      if (armed && backedUp().length >= 2) {
        armed = false;
        void running.then(
          () => order.push("backup done"),
          () => order.push("backup failed"),
        );
        setImmediate(() => {
          stopping = harness.app.stop().then(() => {
            order.push("stopped");
          });
        });
      }
      return running;
    });
    await eventually(() => stopping !== undefined, "a third backup to start", 5000);
    await stopping;

    expect(order).toEqual(["backup done", "stopped"]);
    const paths = backedUp().map((line) => line.path ?? "");
    expect(paths.length).toBeGreaterThanOrEqual(3);
    expect(new Set(paths).size).toBe(paths.length);
    expect(logs().filter((line) => line.level >= 50)).toEqual([]);
    expect(logs().at(-1)?.msg).toBe("stopped");
    const files = readdirSync(dir).sort();
    expect(files).toEqual(paths.slice(-2).map((path) => basename(path)));
    for (const file of files) expect(file).toMatch(BACKUP_NAME);

    // The newest backup, copied out of the folder (opening it there would add -wal and -shm files).
    const copy = join(tempDir(), "restored.db");
    copyFileSync(paths.at(-1) ?? "", copy);
    const restored = guildRows(copy, harness.guild.id);
    expect(restored.progress).toEqual(live.progress);
    expect(restored.releases).toEqual(live.releases);
    expect(restored.part_reads).toEqual(live.part_reads);
  });
});

/** `npm start` as the ShardingManager runs it for one shard: src/index.ts, SHARDS set, an IPC channel. */
function startShard(
  shard: number,
  env: Record<string, string>,
): { child: ChildProcess; lines: string[] } {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src", "index.ts")], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      ...env,
      SHARDING_MANAGER: "true",
      SHARDING_MANAGER_MODE: "process",
      SHARDS: String(shard),
      SHARD_COUNT: "2",
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  const lines: string[] = [];
  let pending = "";
  const collect = (chunk: Buffer) => {
    const complete = (pending + chunk.toString()).split("\n");
    pending = complete.pop() ?? "";
    lines.push(...complete);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { child, lines };
}

describe("scheduled backups of a sharded bot", () => {
  it("are written by shard 0's process only", async () => {
    const discord = await LocalDiscord.start({ interactionTimeoutMs: 3000 });
    onTestFinished(() => discord.close());
    for (const shard of [0, 1]) discord.createGuild({ name: `Serial ${shard}`, shard: [shard, 2] });
    const dir = tempDir();
    // Created before the shards start (as in sharding.test.ts): two processes that open a new
    // database file at the same moment can fail, one of them getting SQLITE_BUSY at once from
    // openDatabase's PRAGMA journal_mode = WAL; that is not what this test is about.
    const database = join(tempDir(), "serial.db");
    new Store(database).close();
    const env = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_PATH: database,
      BACKUP_DIR: dir,
      BACKUP_SCHEDULE: EVERY_SECOND,
      BACKUP_KEEP: "5",
    };
    const first = startShard(0, env);
    const second = startShard(1, env);
    const ready = (lines: string[]) => parse(lines).some((line) => line.msg === "ready");
    const backedUp = (lines: string[]) =>
      parse(lines).filter((line) => line.msg === "database backed up");
    await eventually(
      () => ready(second.lines) && backedUp(first.lines).length >= 2,
      "both shards ready, and two backups",
      20_000,
    ).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\nshard 0:\n${first.lines.join("\n")}\nshard 1:\n${second.lines.join("\n")}`,
      );
    });
    // Shard 1 has been ready at least as long as a backup takes to come round.
    const readyAt = Date.now();
    await eventually(
      () => backedUp(first.lines).length >= 3 && Date.now() - readyAt >= 1000,
      "a third backup",
      5000,
    );

    expect(backedUp(first.lines).every((line) => line.shards?.[0] === 0)).toBe(true);
    expect(parse(second.lines).filter((line) => /back/.test(line.msg))).toEqual([]);
    expect(parse(second.lines).find((line) => line.msg === "ready")?.shards).toEqual([1]);
    const written = new Set(backedUp(first.lines).map((line) => basename(line.path ?? "")));
    expect(readdirSync(dir).every((file) => written.has(file))).toBe(true);
  }, 30_000);
});
