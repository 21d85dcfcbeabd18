import { ApplicationCommandOptionType as OptionType } from "discord.js";
import { describe, expect, it } from "vitest";
import { guildCommand } from "../../src/commands/guildCommand.js";
import { chatCommands } from "../../src/commands/registry.js";
import type { ChatCommand } from "../../src/commands/types.js";
import { commandList } from "../../src/sandbox/commandList.js";
import { sandboxHelp } from "../../src/sandbox/sandboxHelp.js";

const data = guildCommand({
  name: "toy",
  description: "Play with the toy",
  options: [
    {
      type: OptionType.Subcommand,
      name: "wind",
      description: "Wind it up",
      options: [{ type: OptionType.Integer, name: "turns", description: "turns", required: true }],
    },
    { type: OptionType.Subcommand, name: "hide", description: "Put it away" },
  ],
});

const toy = {
  data,
  access: "member",
  subcommandAccess: { hide: "author" },
  execute: () => ({ mode: "reply", message: { content: "ok" } }),
} satisfies ChatCommand<typeof data>;

describe("the sandbox's list of commands", () => {
  it("is the registry's: each command, or each of its subcommands, with its options and who may use it", () => {
    const list = commandList(chatCommands.values());
    expect(list.map((usage) => usage.command)).toEqual(
      [...chatCommands.values()].flatMap(({ data: { name, options = [] } }) => {
        const subcommands = options.filter((option) => option.type === OptionType.Subcommand);
        return subcommands.length === 0
          ? [`/${name}`]
          : subcommands.map((subcommand) => `/${name} ${subcommand.name}`);
      }),
    );
    const byCommand = new Map(list.map((usage) => [usage.command, usage]));
    expect(byCommand.get("/read")).toMatchObject({
      usage: "/read [part:…] [story:…]",
      authorsOnly: false,
    });
    expect(byCommand.get("/notify")?.usage).toBe("/notify dm:on|off [story:…]");
    expect(byCommand.get("/serial schedule")).toMatchObject({
      usage: "/serial schedule cron:… [timezone:…] [story:…]",
      description: "Set when new parts are posted (cron)",
      authorsOnly: true,
    });
    expect(byCommand.get("/reactions show")?.authorsOnly).toBe(true);
  });

  it("shows a command added to the registry in the help, its subcommands' own access marked", () => {
    const help = sandboxHelp([...chatCommands.values(), toy], 100);
    expect(help).toMatch(/^ {2}\/toy wind turns:… +Wind it up$/m);
    expect(help).toMatch(/^ {2}\/toy hide +✎ Put it away$/m);
    expect(help).toMatch(/^ {2}\/serial release-next \[story:…\] +✎ Release the next part/m);
    expect(help).toMatch(/^ {2}quit +leave$/m);
    for (const line of sandboxHelp(chatCommands.values(), 60).split("\n"))
      expect(line.length).toBeLessThanOrEqual(60);
  });
});
