import { fork } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LocalDiscord } from "local-discord";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { chatCommands } from "../../src/commands/registry.js";
import { spawnBot } from "../helpers/spawnBot.js";
import { tempDir } from "../helpers/tempDir.js";

const root = new URL("../..", import.meta.url).pathname;

let discord: LocalDiscord;

beforeEach(async () => {
  discord = await LocalDiscord.start();
  discord.createGuild({ name: "Serial Club" });
});

afterEach(async () => {
  await discord.close();
});

describe("the bot as a process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "connects, registers its commands, and on %s exits 0 with the database closed",
    async (signal) => {
      const database = join(tempDir(), "serial.db");
      const bot = spawnBot("index.ts", {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        DATABASE_PATH: database,
      });
      await bot.waitForOutput('"msg":"ready"');
      expect(
        discord
          .commands()
          .map((c) => c.name)
          .sort(),
      ).toEqual([...chatCommands.keys()].sort());
      expect(bot.stdout()).not.toContain(discord.token);
      const exited = once(bot.child, "exit");
      bot.child.kill(signal);
      bot.child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(bot.stdout()).toContain('"msg":"stopped"');
      expect(existsSync(database)).toBe(true);
      expect(existsSync(`${database}-wal`)).toBe(false);
    },
  );

  it("started by a shard manager (with an IPC channel), exits 1 when it cannot start, for the manager to start it again", async () => {
    const child = fork(join(root, "src", "index.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: { PATH: process.env.PATH ?? "", DISCORD_TOKEN: discord.token, STORY_DIR: tempDir() },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    onTestFinished(() => {
      child.kill("SIGKILL");
    });
    const [code] = await once(child, "exit", { signal: AbortSignal.timeout(10_000) });
    expect(code).toBe(1);
  });

  it("npm run deploy-commands registers the commands, even when unchanged, and exits 0", async () => {
    for (let run = 0; run < 2; run += 1) {
      const deploy = spawnBot("deployCommands.ts", {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
      });
      const [code] = await once(deploy.child, "exit");
      expect(code).toBe(0);
      expect(deploy.stdout()).toContain('"msg":"slash commands registered"');
    }
    expect(
      discord
        .commands()
        .map((c) => c.name)
        .sort(),
    ).toEqual([...chatCommands.keys()].sort());
    expect(
      discord.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/commands")),
    ).toHaveLength(2);
  });
});
