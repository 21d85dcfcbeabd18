import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
});
