import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from "discord.js";
import { accessOf } from "../commands/accessOf.js";
import { isBasicOption, isSubcommand } from "../commands/commandData.js";
import type { ChatCommand } from "../commands/types.js";

/** A slash command (one entry per subcommand) as the sandbox lists and completes it. */
export interface CommandUsage {
  /** What to type to run it: the command, and its subcommand when it has them. */
  readonly command: string;
  /**
   * `command` with its options: `name:…` when required, `[name:…]` when not, choices as `a|b`,
   * `true|false` for a yes or no.
   */
  readonly usage: string;
  readonly description: string;
  readonly authorsOnly: boolean;
}

/** The bot's slash commands, from their data, in the order given. */
export function commandList(commands: Iterable<ChatCommand>): CommandUsage[] {
  return [...commands].flatMap((command) => {
    const { name, description, options = [] } = command.data;
    const subcommands = options.filter(isSubcommand);
    if (subcommands.length === 0)
      return [usageOf(`/${name}`, description, options.filter(isBasicOption), command, undefined)];
    return subcommands.map((subcommand) =>
      usageOf(
        `/${name} ${subcommand.name}`,
        subcommand.description,
        subcommand.options ?? [],
        command,
        subcommand.name,
      ),
    );
  });
}

function usageOf(
  typed: string,
  description: string,
  options: readonly APIApplicationCommandBasicOption[],
  command: ChatCommand,
  subcommand: string | undefined,
): CommandUsage {
  const words = options.map((option) => {
    const choices = "choices" in option ? option.choices : undefined;
    const boolean = option.type === ApplicationCommandOptionType.Boolean ? "true|false" : "…";
    const value = choices?.map((choice) => choice.value).join("|") ?? boolean;
    return option.required === true ? `${option.name}:${value}` : `[${option.name}:${value}]`;
  });
  return {
    command: typed,
    usage: [typed, ...words].join(" "),
    description,
    authorsOnly: accessOf(command, subcommand) === "author",
  };
}
