import { setTimeout as sleep } from "node:timers/promises";
import { type Client, Routes } from "discord.js";
import { LocalDiscord } from "local-discord";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AnswerOutcome } from "../../src/commands/InteractionObserver.js";
import type { ButtonHandler, ChatCommand } from "../../src/commands/types.js";
import { UserError } from "../../src/core/UserError.js";
import { dispatcherClient, type LoggedLine } from "../helpers/dispatcherClient.js";
import { eventually } from "../helpers/eventually.js";
import { messageOf } from "../helpers/harness.js";

/** A command whose handler takes `ms` and then answers, or throws what it is given. */
function command(name: string, ms: number, outcome: string | Error): ChatCommand {
  return {
    data: { name, description: name, contexts: [0] },
    access: "member",
    async execute() {
      await sleep(ms);
      if (outcome instanceof Error) throw outcome;
      return { mode: "reply", message: { content: outcome } };
    },
  };
}

const commands = new Map(
  [
    command("quick", 0, "quick answer"),
    command("slow", 400, "slow answer"),
    command("refuse", 0, new UserError("You can't do that here.")),
    command("crash", 0, new Error("database is on fire")),
    command("late-crash", 400, new Error("late failure")),
  ].map((c) => [c.data.name, c]),
);

const bump: ButtonHandler = {
  prefix: "bump",
  async execute(_services, _context, args) {
    await sleep(Number(args[0]));
    return { mode: "update", message: { content: `bumped after ${args[0]} ms` } };
  },
};

let discord: LocalDiscord;
let client: Client;
let channelId: string;
let userId: string;
let logged: LoggedLine[];
/** What the dispatcher told its observer, in order. */
let answers: { command: string; outcome: AnswerOutcome; seconds: number; deferred: boolean }[];

beforeEach(async () => {
  // Discord's own 3 s to answer. The dispatcher defers after 100 ms here, so a slow handler is
  // still deferred long before it; a shorter deadline only made quick answers late on a busy
  // machine (the answer's round trip, not the bot, passed it).
  discord = await LocalDiscord.start({ interactionTimeoutMs: 3000 });
  const guild = discord.createGuild({ name: "Test" });
  channelId = guild.systemChannelId;
  userId = discord.addMember(guild.id, { username: "member" }).id;
  answers = [];
  ({ client, logged } = await dispatcherClient(discord, {
    commands,
    buttons: new Map([["bump", bump]]),
    deferAfterMs: 100,
    observer: {
      answered: (command, outcome, seconds, deferred) =>
        answers.push({ command, outcome, seconds, deferred }),
    },
  }));
});

afterEach(async () => {
  await client.destroy();
  expect(discord.unhandledRequests).toEqual([]);
  await discord.close();
});

const run = (name: string) => discord.runCommand({ channelId, userId, name });

describe("the dispatcher", () => {
  it("answers a quick handler at once, privately", async () => {
    const outcome = await run("quick");
    expect(outcome.type).toBe(4);
    expect("ephemeral" in outcome && outcome.ephemeral).toBe(true);
    expect(messageOf(outcome).content).toBe("quick answer");
  });

  it("defers a slow handler before Discord's deadline, then edits the answer in", async () => {
    const outcome = await run("slow");
    expect(outcome.type).toBe(5);
    expect(messageOf(outcome).content).toBe("slow answer");
    expect("ephemeral" in outcome && outcome.ephemeral).toBe(true);
  });

  it("defers a slow button as an update of its message", async () => {
    const posted = (await client.rest.post(Routes.channelMessages(channelId), {
      body: {
        content: "start",
        components: [
          { type: 1, components: [{ type: 2, style: 1, label: "Bump", custom_id: "bump:400" }] },
        ],
      },
    })) as { id: string };
    const outcome = await discord.clickButton({ userId, message: posted.id, customId: "bump:400" });
    expect(outcome.type).toBe(6);
    expect(messageOf(outcome).content).toBe("bumped after 400 ms");
  });

  it("sends a UserError's words privately, and a generic apology for a bug, which it logs", async () => {
    expect(messageOf(await run("refuse")).content).toBe("You can't do that here.");
    const crash = await run("crash");
    expect(messageOf(crash).content).toMatch(/^Something went wrong on our side/);
    expect(messageOf(crash).content).not.toContain("fire");
    expect(logged.some((entry) => entry.level === 50 && entry.msg === "interaction failed")).toBe(
      true,
    );
  });

  it("logs an answer at debug, a refusal at info and a failure as an error", async () => {
    await run("quick");
    await run("refuse");
    await run("crash");
    expect(
      logged
        .filter((entry) => entry.msg.startsWith("interaction "))
        .map(({ level, msg }) => ({ level, msg })),
    ).toEqual([
      { level: 20, msg: "interaction answered" },
      { level: 30, msg: "interaction refused" },
      { level: 50, msg: "interaction failed" },
    ]);
  });

  it("after deferring, puts the error in place of the thinking message, with no follow-up", async () => {
    const outcome = await run("late-crash");
    expect(outcome.type).toBe(5);
    expect("ephemeral" in outcome && outcome.ephemeral).toBe(true);
    expect(messageOf(outcome).content).toBe(
      "Something went wrong on our side. Please try again in a moment.",
    );
    expect(discord.followUps(outcome.interactionId)).toEqual([]);
  });

  it("tells its observer each answer's command (a button by its prefix), outcome, time and deferral", async () => {
    await run("quick");
    await run("refuse");
    await run("crash");
    await run("slow");
    const posted = (await client.rest.post(Routes.channelMessages(channelId), {
      body: {
        content: "start",
        components: [
          {
            type: 1,
            components: ["bump:0", "gone:1"].map((id) => ({
              type: 2,
              style: 1,
              label: id,
              custom_id: id,
            })),
          },
        ],
      },
    })) as { id: string };
    await discord.clickButton({ userId, message: posted.id, customId: "gone:1" });
    await discord.clickButton({ userId, message: posted.id, customId: "bump:0" });
    await eventually(() => answers.length === 6, "six answers observed");
    expect(answers.map(({ command, outcome, deferred }) => [command, outcome, deferred])).toEqual([
      ["quick", "ok", false],
      ["refuse", "refused", false],
      ["crash", "failed", false],
      ["slow", "ok", true],
      ["button:unknown", "refused", false],
      ["button:bump", "ok", false],
    ]);
    expect(answers[3]?.seconds).toBeGreaterThanOrEqual(0.4);
    expect(answers[0]?.seconds).toBeLessThan(answers[3]?.seconds ?? 0);
  });

  it("logs a deferral Discord refuses, leaves no promise unhandled, and sends nothing more", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      discord.injectFault({
        route: "POST /interactions/:interaction/:token/callback",
        times: 4,
        fault: { status: 500 },
      });
      const id = discord.dispatchCommand({ channelId, userId, name: "slow" });
      await eventually(
        () => logged.some((entry) => entry.msg === "could not defer the answer; it is dropped"),
        "the failed deferral in the log",
      );
      await sleep(500);
      expect(unhandled).toEqual([]);
      expect(
        discord.requests.filter((request) => request.path.includes(`/${id}/`)).map((r) => r.status),
      ).toEqual([500, 500, 500, 500]);
      expect(logged.filter((entry) => entry.msg === "interaction answered")).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
