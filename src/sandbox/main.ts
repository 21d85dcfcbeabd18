import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { chatCommands } from "../commands/registry.js";
import { ConfigError } from "../config.js";
import { runMain } from "../environment.js";
import { createLogger } from "../logger.js";
import { commandList } from "./commandList.js";
import { SandboxSession } from "./SandboxSession.js";
import { sandboxHelp } from "./sandboxHelp.js";
import { twoStoryFolder } from "./twoStoryFolder.js";

/**
 * `npm run sandbox`: a local Discord server and the real bot, with you as a member in a terminal.
 * Reads one command a line; with input that is not a terminal, runs the lines and exits at the end.
 * With `--two-stories` (`npm run sandbox:two`) the server carries the seed story and a short one.
 */
await runMain(async () => {
  const twoStories = twoStoriesAsked();
  const dataDir = mkdtempSync(join(tmpdir(), "discord-serial-sandbox-"));
  const interactive = process.stdin.isTTY === true;
  const width = Math.min(process.stdout.columns || 80, 100);
  const session = await SandboxSession.start({
    dataDir,
    storyDir: twoStories ? twoStoryFolder(dataDir) : process.env.STORY_DIR || "story",
    dropSchedule: process.env.DROP_SCHEDULE,
    dropTimezone: process.env.DROP_TIMEZONE,
    log: createLogger({
      level: "info",
      destination: pino.destination({ dest: join(dataDir, "bot.log"), sync: true }),
    }),
    render: {
      width,
      color: interactive && process.stdout.isTTY === true,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
  });
  const finish = async () => {
    await session.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.stdout.write(
    [
      "discord-serial sandbox: the real bot on a local Discord, no account needed.",
      'You are "reader" in the server "Serial Sandbox", in #reading.',
      ...(twoStories
        ? [
            "It carries two stories: the seed story (story:drago) and a short one (story:tea).",
            '/read lists them. No part is released yet: type "drop drago" or "drop tea".',
          ]
        : ['No part is released yet: type "drop" to release the next one.']),
      "",
      sandboxHelp(chatCommands.values(), width),
      "",
      "",
    ].join("\n"),
  );
  const commands = commandList(chatCommands.values()).map((usage) => usage.command);
  const lines = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: interactive,
    completer: (typed: string) => {
      const words = [
        ...commands,
        "react ❤️",
        "as author",
        "as reader",
        "drop",
        "restart",
        "help",
        "quit",
        ...session.labels(),
      ];
      const hits = words.filter((word) => word.startsWith(typed.toLowerCase()));
      return [hits, typed];
    },
  });
  const prompt = () => {
    lines.setPrompt(`${session.who}> `);
    lines.prompt();
  };
  if (interactive) prompt();
  for await (const line of lines) {
    if (!interactive) process.stdout.write(`${session.who}> ${line}\n`);
    const step = await session.execute(line);
    if (step.output !== "") process.stdout.write(`${step.output}\n\n`);
    if (step.quit) break;
    if (interactive) prompt();
  }
  lines.close();
  await finish();
});

/** Whether the command line asks for two stories; a mistyped flag is refused, not ignored. */
function twoStoriesAsked(): boolean {
  try {
    const { values } = parseArgs({ options: { "two-stories": { type: "boolean" } } });
    return values["two-stories"] === true;
  } catch (error) {
    throw new ConfigError(
      `${error instanceof Error ? error.message : String(error)}\nUsage: npm run sandbox [-- --two-stories]`,
    );
  }
}
