import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "../src/store/Store.js";
import { tempDir } from "./helpers/tempDir.js";

const root = new URL("..", import.meta.url).pathname;

function runScript(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(root, "src", script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", DISCORD_TOKEN: "", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("command-line entry points", () => {
  it("npm start without a token stops at once with one paragraph saying what to set and where", () => {
    const result = runScript("index.ts", { DATABASE_PATH: join(tempDir(), "serial.db") });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^DISCORD_TOKEN is not set.*\.env.*npm run sandbox/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("npm start with a bad setting names it and refuses to start", () => {
    const result = runScript("index.ts", { DISCORD_TOKEN: "x", DROP_TIMEZONE: "Mars/Olympus" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DROP_TIMEZONE: must be an IANA time zone/);
  });

  it("npm start with a broken story folder names the file and line, and serves nothing", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenes"));
    writeFileSync(join(dir, "story.md"), "---\nid: x\ntitel: Oops\n---\n");
    const result = runScript("index.ts", {
      DISCORD_TOKEN: "x",
      STORY_DIR: dir,
      DATABASE_PATH: join(dir, "db.sqlite"),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/story\.md:3/);
    expect(result.stderr).toMatch(/titel/);
  });

  it("npm run preview prints each part's pages with lengths, words and reading time", () => {
    const result = runScript("preview.ts", {});
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /scenes\/001-new-york\.md {2}\[new-york\] New York \(December 26th 1985, New York City\): \d+ pages?, \d+ words, about \d+ min/,
    );
    expect(result.stdout).toMatch(/page 1: \d+ characters, \d+ words/);
    expect(result.stdout).toMatch(/No problems found\./);
  });

  it("npm run preview lists the story's warnings under their heading, with file and line", () => {
    const dir = join(tempDir(), "story");
    cpSync(join(root, "story"), dir, { recursive: true });
    writeFileSync(
      join(dir, "blurb.md"),
      "---\nid: blurb\ntitle: Blurb\n---\n\nA blurb.\n\n---\nid: more\n---\n",
    );
    const result = runScript("preview.ts", { STORY_DIR: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `\nWarnings:\n- ${dir}/blurb.md:8: Lines 8 to 10 look like front matter`,
    );
  });

  it("npm start on a damaged database names the file and the fix alone, and leaves the file be", () => {
    const database = join(tempDir(), "serial.db");
    const bytes = randomBytes(8192);
    writeFileSync(database, bytes);
    const result = runScript("index.ts", { DISCORD_TOKEN: "x", DATABASE_PATH: database });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `The database at ${database} is damaged: SQLite says "file is not a database" (SQLITE_NOTADB).\nRestore the latest backup (see "Backups and restore" in the README), or move the file aside, with its -wal and -shm files if there are any, to start with an empty database.\n`,
    );
    expect(readFileSync(database).equals(bytes)).toBe(true);
  });

  it("npm run backup copies the database into BACKUP_DIR, keeps BACKUP_KEEP, prints the path", () => {
    const database = join(tempDir(), "serial.db");
    const reader = {
      guildId: "100000000000000001",
      userId: "200000000000000001",
      storyId: "drago",
    };
    const store = new Store(database);
    store.progress.save(reader, { partId: "moscow", offset: 42 }, new Date());
    store.close();
    const bytes = readFileSync(database);
    const backups = join(tempDir(), "backups");
    mkdirSync(backups);
    writeFileSync(join(backups, "serial-20200101T000000Z.db"), "an older backup");
    writeFileSync(join(backups, "notes.txt"), "not a backup");

    const result = runScript("backup.ts", {
      DATABASE_PATH: database,
      BACKUP_DIR: backups,
      BACKUP_KEEP: "1",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const written = result.stdout.trim();
    expect(result.stdout).toBe(`${written}\n`);
    expect(written).toMatch(new RegExp(`^${backups}/serial-\\d{8}T\\d{6}Z\\.db$`));
    expect(readdirSync(backups).sort()).toEqual(
      [written.slice(backups.length + 1), "notes.txt"].sort(),
    );
    expect(readFileSync(database).equals(bytes)).toBe(true);
    const restored = new Store(written);
    expect(restored.progress.get(reader)).toEqual({ partId: "moscow", offset: 42 });
    restored.close();
  });

  it("npm run backup without a database says so in one line, and creates nothing", () => {
    const dir = tempDir();
    const database = join(dir, "data", "serial.db");
    const result = runScript("backup.ts", {
      DATABASE_PATH: database,
      BACKUP_DIR: join(dir, "backups"),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `There is no database at ${database} to back up. Set DATABASE_PATH to the bot's database file (the bot creates it when it first starts).\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(database)).toBe(false);
  });
});
