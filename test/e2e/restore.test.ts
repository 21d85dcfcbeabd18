import { execFile } from "node:child_process";
import { copyFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { Store } from "../../src/store/Store.js";
import { eventually } from "../helpers/eventually.js";
import { buttonOn, embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";
import { tempDir } from "../helpers/tempDir.js";

const root = new URL("../..", import.meta.url).pathname;
const execFileAsync = promisify(execFile);

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const run = (name: string, options: Record<string, string> = {}, userId = h.reader.id) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name, options });

/** `npm run backup` in a process of its own, as an operator would run it beside the bot. */
async function npmRunBackup(env: Record<string, string>): Promise<string> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ["--import", "tsx", join(root, "src", "backup.ts")],
    { cwd: root, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 30_000 },
  );
  return stdout.trim();
}

describe("backup and restore", () => {
  it("a backup taken while the bot runs, restored to a new DATABASE_PATH, brings back the readers' places and the reactions", async () => {
    h = await startHarness();
    await run("serial drop-now", {}, h.author.id);
    const opened = await run("read", { part: "new-york" });
    const second = await h.discord.clickButton({
      userId: h.reader.id,
      message: messageOf(opened),
      customId: buttonOn(messageOf(opened), "Next"),
    });
    expect(embedOf(second).footer?.text).toMatch(/Page 2 of 2/);
    const last = h.discord.posts(h.reading.id).at(-1);
    h.discord.react(h.reader.id, h.reading.id, last?.id ?? "", "❤️");
    const tallies = () => h.app.store.reactions.tallies(h.guild.id, "drago", []);
    await eventually(() => tallies().length === 1, "the reaction recorded");
    const reactions = [{ partId: "new-york", emoji: "❤️", readers: 1 }];
    expect(tallies()).toEqual(reactions);
    const progress = embedOf(await run("progress")).description;
    const place = { guildId: h.guild.id, userId: h.reader.id, storyId: "drago" };
    const saved = h.app.store.progress.get(place);
    expect(saved).toBeDefined();

    const backups = tempDir();
    const backup = await npmRunBackup({
      DATABASE_PATH: h.config.databasePath,
      BACKUP_DIR: backups,
    });
    expect(readdirSync(backups)).toEqual([basename(backup)]);
    expect(basename(backup)).toMatch(/^serial-\d{8}T\d{6}Z\.db$/);
    await h.app.stop();

    const restored = join(tempDir(), "serial.db");
    copyFileSync(backup, restored);
    // What the copy itself holds: once started, the bot also catches reactions up from Discord.
    const copy = new Store(restored);
    expect(copy.progress.get(place)).toEqual(saved);
    expect(copy.reactions.tallies(h.guild.id, "drago", [])).toEqual(reactions);
    copy.close();

    h.app = await startApp({ ...h.config, databasePath: restored }, pino({ level: "silent" }));
    expect(h.app.store.progress.get(place)).toEqual(saved);
    const welcome = await run("read");
    expect(embedOf(welcome).title).toMatch(/^Welcome back/);
    const resumed = await h.discord.clickButton({
      userId: h.reader.id,
      message: messageOf(welcome),
      customId: buttonOn(messageOf(welcome), "Resume"),
    });
    expect(embedOf(resumed).description).toBe(embedOf(second).description);
    expect(embedOf(resumed).footer?.text).toMatch(/Page 2 of 2/);
    expect(embedOf(await run("progress")).description).toBe(progress);
    expect(tallies()).toEqual(reactions);
  });
});
