import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tempDir.js";

const fixture = new URL("../fixtures/openStoreAt.ts", import.meta.url).pathname;

/** Runs the fixture; resolves with its exit code and stderr. */
async function openAt(path: string, at: number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", fixture, path, String(at)], {
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = await once(child, "exit");
  return { code, stderr };
}

describe("two shards opening a new database at the same moment", () => {
  it("both open it (the switch to WAL waits for the other instead of failing)", async () => {
    const dir = tempDir();
    for (let round = 0; round < 3; round += 1) {
      const path = join(dir, `serial-${round}.db`);
      const at = Date.now() + 1200;
      const results = await Promise.all([openAt(path, at), openAt(path, at)]);
      expect(results).toEqual([
        { code: 0, stderr: "" },
        { code: 0, stderr: "" },
      ]);
    }
  }, 30_000);
});
