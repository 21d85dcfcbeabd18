import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDiscord } from "../../src/localDiscord/LocalDiscord.js";
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
      const bot = spawn(process.execPath, ["--import", "tsx", join(root, "src", "index.ts")], {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? "",
          DISCORD_TOKEN: discord.token,
          DISCORD_API_URL: discord.apiUrl,
          DATABASE_PATH: database,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      bot.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = once(bot, "exit");
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No ready line in 15 s:\n${stdout}\n${stderr}`)),
          15_000,
        );
        bot.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('"msg":"ready"')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      expect(
        discord
          .commands()
          .map((c) => c.name)
          .sort(),
      ).toEqual(["next", "notify", "read", "serial"]);
      expect(stdout).not.toContain(discord.token);
      bot.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(stdout).toContain('"msg":"stopped"');
      expect(existsSync(database)).toBe(true);
      expect(existsSync(`${database}-wal`)).toBe(false);
    },
  );
});
