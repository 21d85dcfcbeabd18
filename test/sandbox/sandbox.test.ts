import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

function sandbox(input: string, script = "sandbox") {
  return spawnSync("npm", ["run", "--silent", script], {
    cwd: root,
    input,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, STORY_DIR: "" },
  });
}

describe("npm run sandbox with piped input", () => {
  it("prints the title card and the story's first pages for /read, next, next, and exits 0", () => {
    const result = sandbox("/read\nnext\nnext\n");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain("reader> /read");
    expect(out).toMatch(/│ After Moscow\n│ \n│ by The Author/);
    expect(out).toContain("[Start reading]");
    expect(out).toMatch(/│ Author's note\n│ \n│ I always thought that Ivan Drago/);
    expect(out).toMatch(/│ Blurb\n│ \n│ After his defeat at the hands of Rocky Balboa/);
    expect(out).toContain("(only visible to you)");
  });

  it("releases parts, switches to the author, keeps the place over a restart and explains mistakes", () => {
    const result = sandbox(
      [
        "/serial release-next",
        "as author",
        "/serial release-next",
        "as reader",
        "/read part:1",
        "next",
        "restart",
        "/read",
        "resume",
        "react ❤️",
        "fly",
        "quit",
        "/next",
      ].join("\n"),
    );
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain("Only the story's authors and members with Manage Server can do that.");
    expect(out).toContain("Released **Part 1 · New York**");
    expect(out).toMatch(/│ Part 1 · New York\n│ \n│ His fist hit the wall/);
    expect(out).toMatch(/Page 2 of \d/);
    expect(out).toContain("Welcome back to After Moscow");
    expect(out).toMatch(/reader> resume\n[\s\S]*Page 2 of \d/);
    expect(out).toContain("Nothing posted in #reading or #general to react to yet");
    expect(out).toContain('I don\'t know "fly". Buttons here:');
    expect(out).toContain("Bye!");
    expect(out).not.toContain("reader> /next");
  });

  it("shows a drop as it lands in #reading, takes reactions on it and on the last page, and shows a drop notice DM and the author's chart", () => {
    const result = sandbox(
      [
        "drop",
        "react ❤️",
        "/notify dm:on",
        "drop",
        "/read part:1",
        "next",
        "🔥",
        "as author",
        "/reactions show",
      ].join("\n"),
    );
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain("Dropped **Part 1 · New York** in #reading (2 messages).");
    expect(out).toMatch(/── new in #reading ──\n╭─+\n│ After Moscow\n│ New: Part 1 · New York/);
    expect(out).toContain("❤️ 1  😢 1  😮 1  😂 1  🔥 1");
    expect(out).toContain(
      "You reacted ❤️ to the latest post, in #reading: ❤️ 2  😢 1  😮 1  😂 1  🔥 1",
    );
    expect(out).toMatch(
      /── new in a DM to you ──\n\*\*Part 2 · Moscow\*\* of \*After Moscow\* is out\./,
    );
    expect(out).toContain("[❤️ 1]  [😢 0]  [😮 0]  [😂 0]  [🔥 1]");
    expect(out).toMatch(/│ 🔥 `█+` 1\n/);
    expect(out).toMatch(/📎 reactions\.png saved to .+reactions\.png \(until you quit\)/);
  });
});

describe("npm run sandbox, choosing #general as the reading channel", () => {
  it("takes the channel by its name, drops there and reacts to the post there", () => {
    const result = sandbox(
      [
        "as author",
        "/serial channel channel:#chat",
        "/serial channel channel:#general",
        "drop",
        "as reader",
        "react 😮",
      ].join("\n"),
    );
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain(
      'channel: takes a channel of the server, #reading or #general, not "#chat".',
    );
    expect(out).toContain("New parts will be posted in #general.");
    expect(out).toMatch(/── new in #general ──\n╭─+\n│ After Moscow\n│ New: Part 1 · New York/);
    expect(out).toContain(
      "You reacted 😮 to the latest post, in #general: ❤️ 1  😢 1  😮 2  😂 1  🔥 1",
    );
  });
});

describe("npm run sandbox:two with piped input", () => {
  it("lists both stories on the library card, opens one by its button, and drops tea in #reading", () => {
    const result = sandbox(
      [
        "/read",
        "open",
        "open the",
        "start reading",
        "as author",
        "/serial drop-now story:tea",
        "drop",
        "/serial status",
        "drop drago",
        "as reader",
        "/read",
      ].join("\n"),
      "sandbox:two",
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain("It carries two stories: the seed story (story:drago)");
    expect(out).toMatch(
      /reader> \/read\n\(only visible to you\)\n╭─+\n│ The stories in this server\n│ \n│ After Moscow\n│ by The Author · Mature · no parts out yet\n│ Not started\.\n│ Content warnings: Domestic violence, Strong language, Drug use\n│ \n│ The Tea Merchant's Ledger\n│ by A Test Fixture · General · no parts out yet\n/,
    );
    expect(out).toContain("[Open After Moscow]  [Open The Tea Merchant's Ledger]");
    expect(out).toContain(
      `Which one? "open" begins [Open After Moscow] or [Open The Tea Merchant's Ledger]`,
    );
    expect(out).toMatch(
      /reader> open the\n\(only visible to you\)\n╭─+\n│ The Tea Merchant's Ledger\n│ \n│ by A Test Fixture/,
    );
    expect(out).toMatch(/reader> start reading\n[\s\S]*│ A small second story for the sandbox/);
    expect(out).toMatch(
      /Dropped \*\*Part 1 · The Ledger\*\* in #reading \(1 message\)\.[\s\S]*── new in #reading ──\n[\s\S]*│ The Tea Merchant's Ledger\n│ New: Part 1 · The Ledger\n/,
    );
    expect(out).toContain("🍵 1  🤔 1");
    expect(out).toMatch(/author> drop\n[\s\S]*say\s+which with the story option/);
    expect(out).toContain("This server carries 2 stories.");
    expect(out).toMatch(/- \*\*After Moscow\*\*: #reading · no schedule · 0 of 2 parts out/);
    expect(out).toMatch(
      /- \*\*The Tea Merchant's Ledger\*\*: #reading · no schedule · 1 of 2 parts out/,
    );
    expect(out).toMatch(
      /│ by A Test Fixture · General · 1 part out\n│ You're on \*\*Author's note\*\*/,
    );
    expect(out).toMatch(/author> drop drago\n[\s\S]*Dropped \*\*Part 1 · New York\*\* in #reading/);
    expect(out).toMatch(/│ by The Author · Mature · 1 part out\n/);
    expect(out).toContain("[Open After Moscow]  [Resume The Tea Merchant's Ledger]");
  });
});
