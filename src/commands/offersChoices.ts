import { type CommandData, isBasicOption, isSubcommand } from "./commandData.js";

/**
 * Whether the command's data has an option `focused` with autocomplete, in `subcommand` (or at
 * the top, for a command without subcommands). An autocomplete request for anything else comes
 * from a stale or forged command, and gets no choices.
 */
export function offersChoices(
  data: CommandData,
  subcommand: string | undefined,
  focused: string,
): boolean {
  const top = data.options ?? [];
  const subcommands = top.filter(isSubcommand);
  const options =
    subcommands.length === 0
      ? subcommand === undefined
        ? top.filter(isBasicOption)
        : []
      : (subcommands.find((each) => each.name === subcommand)?.options ?? []);
  return options.some(
    (option) => option.name === focused && "autocomplete" in option && option.autocomplete === true,
  );
}
