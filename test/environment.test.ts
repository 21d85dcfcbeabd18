import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const fixture = new URL("fixtures/supervised.ts", import.meta.url).pathname;

function runFixture(fault: "rejection" | "exception") {
  const result = spawnSync(process.execPath, ["--import", "tsx", fixture, fault], {
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
    timeout: 20_000,
  });
  const lines = result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line): { level: number; msg: string; err?: { message?: string } } => JSON.parse(line));
  return { status: result.status, lines, output: `${result.stdout}\n${result.stderr}` };
}

describe("a process under superviseProcess", () => {
  it.each([
    ["rejection", "a promise was rejected and nothing handled it; stopping", "boom in a promise"],
    ["exception", "an exception was not caught; stopping", "boom in a callback"],
  ] as const)(
    "logs an unhandled %s with its error, stops cleanly and exits 1",
    (fault, msg, error) => {
      const { status, lines, output } = runFixture(fault);
      expect(status, output).toBe(1);
      const fatal = lines.find((line) => line.level === 60);
      expect(fatal?.msg).toBe(msg);
      expect(fatal?.err?.message).toBe(error);
      expect(lines.map((line) => line.msg).slice(-2), output).toEqual(["shutting down", "stopped"]);
    },
  );
});
